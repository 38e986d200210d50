import type { AnomalyCurves } from './anomaly-report'

/**
 * Tables and recordings: what an import of a table with a header is told (which column is the
 * time, which are features, how gaps are handled, how a recording is cut into windows), what a
 * preview of a file shows before anything is stored, and how a dataset cut from one recording is
 * laid out in time (the split a dataset's page shows and the timeline the Anomalies tab draws).
 */

/**
 * How a time column is read. `iso` ISO 8601 dates or date-times (UTC unless an offset is given),
 * `yyyymmdd` integers such as 20240105, `epoch-s`/`epoch-ms` seconds/milliseconds since 1970 UTC,
 * `number` any increasing numbers (a step counter, seconds since a start). Dates are kept as
 * milliseconds since 1970 UTC, numbers as they are.
 */
export const TIME_FORMATS = ['iso', 'yyyymmdd', 'epoch-s', 'epoch-ms', 'number'] as const
export type TimeFormat = (typeof TIME_FORMATS)[number]

/** True for the time formats that hold dates (drawn and written as dates; resampled by calendar periods). */
export const isDateTimeFormat = (format: TimeFormat) => format !== 'number'

/**
 * Missing values (an empty field, NA, NaN, null, …): `refuse` names the first one, `interpolate`
 * fills it linearly in time from its neighbours (the nearest value at either end), `drop` leaves
 * out its row (a recording's timestamp, a wide table's series).
 */
export const MISSING_POLICIES = ['refuse', 'interpolate', 'drop'] as const
export type MissingPolicy = (typeof MISSING_POLICIES)[number]

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

/** What a column of a table is used for. `step`: a wide table's step; `ignored`: read but not used. */
export type ColumnRole = 'time' | 'feature' | 'label' | 'id' | 'step' | 'ignored'

/** A window cut from a recording: its first timestamp's index and the index after its last. */
export interface TimeSpan {
  /** Index of the first timestamp, and one past the last. */
  from: number
  to: number
}

/**
 * A recording cut into windows, laid out in time: the evaluation (test) windows come from the
 * last part of the recording, the training pool from the first, with a gap of one window between
 * them so no evaluation window overlaps a pool window. A run splits the pool again by time: its
 * validation windows are the pool's last `valFraction`, again a window apart from training.
 */
export interface RecordingLayout {
  /** Timestamps in the recording (after gaps and resampling). */
  timestamps: number
  window: number
  stride: number
  /** Where the pool's windows lie, and where the evaluation windows lie. */
  pool: TimeSpan
  test: TimeSpan
  poolWindows: number
  testWindows: number
}

/** A dataset cut from one recording, as its page shows it. */
export interface RecordingSummary {
  timeFormat: TimeFormat
  /** Time of each timestamp: ms since 1970 UTC for date formats, else the file's numbers. */
  firstTime: number
  lastTime: number
  /** The resampling period as given (`1d`, `10s`), or null where rows were taken as they came. */
  resample: string | null
  missing: MissingPolicy
  layout: RecordingLayout
  /** The split a run with the default validation fraction makes of the pool. */
  defaultSplit: { valFraction: number; train: TimeSpan; val: TimeSpan; trainWindows: number; valWindows: number }
  /** Every n-th timestamp of the recording, in the file's units, for a chart of the whole. */
  overview: { every: number; times: Float64Array; values: Float32Array }
}

/** One row of a preview: the fields as parsed (text as written, or the number a binary table holds). */
export type PreviewCell = string | number | null

/** What a file would import as, without storing anything: its first rows, the columns' roles and the windows. */
export interface ImportPreview {
  fileName: string
  /** The format an import with these options reads the file as. */
  format: string
  /** How the table was read: `csv` (with its delimiter), `parquet` or `arrow`; null for UCR and npy. */
  container: { kind: 'csv'; delimiter: string } | { kind: 'parquet' } | { kind: 'arrow' } | null
  columns: { name: string; role: ColumnRole }[]
  rows: PreviewCell[][]
  /** For a recording: how its time column reads, and the layout the import will make. */
  recording: { timeFormat: TimeFormat; timestamps: number; firstTime: number; lastTime: number; layout: RecordingLayout } | null
  /** For other formats: how many series, of how many steps. */
  series: { count: number; steps: number } | null
  /** Why the import would be refused (the sentence it would give), or null when it would go through. */
  problem: string | null
}

/**
 * The evaluation part of a recording under a run's scores: the recording in its own units over its
 * own time axis, and the per-timestamp score (each window's step scores, combined at every
 * timestamp the windows cover, by their mean and by their max).
 */
export interface RecordingTimeline {
  timeFormat: TimeFormat
  featureNames: string[]
  /** Time of each timestamp of the evaluation span (see RecordingSummary.firstTime). */
  times: Float64Array
  /** [timestamps, features] in the file's units. */
  values: Float32Array
  /** Per timestamp: 1 where the file marks it anomalous, 0 where normal; null without a label column. */
  labels: Uint8Array | null
  meanScore: Float32Array
  maxScore: Float32Array
  /** The threshold a run flags with when none is given (see analysis/score-threshold.ts), per combination. */
  defaultThreshold: { mean: number; max: number }
  /** Where the labels mark anomalous and normal timestamps: each combination's curves over the timestamps. */
  curves: { mean: AnomalyCurves; max: AnomalyCurves } | null
}

/** A time as people read it: ISO 8601 for dates (the date alone at midnight UTC), the number otherwise. */
export function formatRecordingTime(value: number, format: TimeFormat): string {
  if (format === 'number') return String(value)
  const iso = new Date(value).toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z')
}

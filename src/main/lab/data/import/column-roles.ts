import { UserError } from '../../../../shared/errors'
import type { TableImportOptions } from '../../../../shared/datasets'
import type { ColumnRole, TimeFormat } from '../../../../shared/recordings'
import { detectTimeFormat } from './time-values'
import { isMissing, numberCell, type Cell } from './tables/table-cells'
import type { TableSource } from './tables/table-source'

/**
 * Which column of a table is what, from the header, the first rows and the options: the options
 * win; otherwise names and values decide (a column named like a time whose values read as times,
 * numeric columns as features or steps, a column named like a label or an id).
 */

const TIME_NAME = /^(time|timestamp|date|datetime|date_time|ds|t|ts|epoch|when|period|day)$/i
const LABEL_NAME = /^(label|labels|class|target|anomaly|is_anomaly|anomalous|outlier|y)$/i
const ID_NAME = /^(id|series|series_id|name|key|year|sample)$/i

/** The first rows of a table, which detection looks at (and a preview shows). */
export interface TableSample {
  source: TableSource
  rows: Cell[][]
}

export const SAMPLE_ROWS = 200

export async function sampleTable(source: TableSource, count = SAMPLE_ROWS): Promise<TableSample> {
  const rows: Cell[][] = []
  await source.read((cells) => {
    rows.push([...cells])
    return rows.length < count
  })
  return { source, rows }
}

const columnValues = (sample: TableSample, c: number) => sample.rows.map((r) => r[c] ?? null)

function isNumericColumn(sample: TableSample, c: number): boolean {
  const values = columnValues(sample, c).filter((v) => !isMissing(v))
  return values.length > 0 && values.every((v) => numberCell(v, sample.source.decimalComma) !== undefined)
}

/** The index of a column the user named, or a sentence listing the columns there are. */
export function columnIndex(source: TableSource, name: string, flag: string): number {
  const index = source.header.indexOf(name)
  if (index < 0) throw new UserError(`${source.label} has no column "${name}" (${flag}); its columns are: ${source.header.join(', ')}`)
  return index
}

/** A time column found by name or by its values, in header order. */
function findTimeColumn(sample: TableSample): number {
  const { header } = sample.source
  const byName = header.findIndex((name, c) => TIME_NAME.test(name) && detectTimeFormat(columnValues(sample, c)) !== null)
  if (byName >= 0) return byName
  return header.findIndex((_, c) => detectTimeFormat(columnValues(sample, c)) === 'iso')
}

/** True when a table looks like one recording (it has a time column by name or ISO dates). */
export function looksLikeRecording(sample: TableSample): boolean {
  return findTimeColumn(sample) >= 0
}

export interface RecordingColumns {
  time: number
  timeFormat: TimeFormat
  features: number[]
  label: number | null
}

export function recordingColumns(sample: TableSample, options: TableImportOptions): RecordingColumns {
  const { source } = sample
  const time = options.timeColumn !== undefined ? columnIndex(source, options.timeColumn, '--time-column') : findTimeColumn(sample)
  if (time < 0) {
    throw new UserError(`${source.label} has no column that reads as times (named time, date, timestamp…, or holding ISO dates); name it with --time-column`)
  }
  const timeFormat = options.timeFormat ?? detectTimeFormat(columnValues(sample, time))
  if (timeFormat === null) {
    throw new UserError(`${source.label}: column "${source.header[time]}" does not read as times (ISO 8601 dates, YYYYMMDD, epoch seconds or numbers); choose another with --time-column`)
  }
  const label = options.labelColumn !== undefined ? columnIndex(source, options.labelColumn, '--label-column') : source.header.findIndex((n, c) => c !== time && LABEL_NAME.test(n))
  const features = options.features
    ? options.features.map((name) => columnIndex(source, name, '--features'))
    : source.header.flatMap((_, c) => (c !== time && c !== label && isNumericColumn(sample, c) ? [c] : []))
  if (features.length === 0) throw new UserError(`${source.label} has no numeric column besides the time and the label to use as a feature; name them with --features`)
  const clash = features.find((c) => c === time || c === label)
  if (clash !== undefined) throw new UserError(`column "${source.header[clash]}" cannot be both a feature and the ${clash === time ? 'time' : 'label'}`)
  return { time, timeFormat, features, label: label >= 0 ? label : null }
}

export interface WideColumns {
  id: number | null
  label: number | null
  steps: number[]
}

export function wideColumns(sample: TableSample, options: TableImportOptions): WideColumns {
  const { source } = sample
  const { header } = source
  const named = (option: string | undefined, flag: string, pattern: RegExp, skip: number) =>
    option !== undefined ? columnIndex(source, option, flag) : header.findIndex((n, c) => c !== skip && pattern.test(n))
  const label = named(options.labelColumn, '--label-column', LABEL_NAME, -1)
  let id = named(options.idColumn, '--id-column', ID_NAME, label)
  // A first column of text names its rows, as a spreadsheet's first column often does.
  if (id < 0 && options.idColumn === undefined && label !== 0 && !isNumericColumn(sample, 0)) id = 0
  if (id >= 0 && id === label) throw new UserError(`column "${header[id]}" cannot be both the id and the label`)
  const steps = header.flatMap((_, c) => (c !== id && c !== label ? [c] : []))
  if (steps.length === 0) throw new UserError(`${source.label} has no step columns besides the id and the label`)
  return { id: id >= 0 ? id : null, label: label >= 0 ? label : null, steps }
}

/** Each column's role, in header order, for a preview. */
export function rolesOf(header: readonly string[], assigned: Partial<Record<Exclude<ColumnRole, 'ignored'>, number[]>>): ColumnRole[] {
  return header.map((_, c) => (Object.entries(assigned).find(([, columns]) => columns.includes(c))?.[0] as ColumnRole | undefined) ?? 'ignored')
}

import type { TableImportOptions } from '../../../../shared/datasets'
import { UserError } from '../../../../shared/errors'
import type { MissingPolicy, TimeFormat } from '../../../../shared/recordings'
import { anomalyFlag } from './anomaly-flags'
import type { RecordingColumns } from './column-roles'
import { Growable } from './growable-array'
import { fillGaps, MISSING_ADVICE } from './missing-values'
import { formatTime, parseTime, TIME_FORMAT_WORDS } from './time-values'
import { numberCell, quoteCell } from './tables/table-cells'
import type { RecordingReadSettings } from '../../store/recording-repository'
import { describeColumn, type RowPlace, type TableSource } from './tables/table-source'
import { parsePeriod, resampleToPeriod } from './period-resampling'

/** One long recording in the file's units, ordered in time, every value present. */
export interface Recording {
  timeFormat: TimeFormat
  /** Per timestamp: ms since 1970 UTC (date formats) or the file's number. */
  times: Float64Array
  /** The time of each timestamp as the file writes it; with resampling, each period's start. */
  timeTexts: string[] | null
  /** [timestamps, features] row-major. */
  values: Float32Array
  featureNames: string[]
  /** The columns read, by name, and how: so a file of the same kind can be read alike later. */
  read: RecordingReadSettings
  /** 1 where the file marks a timestamp anomalous; null without a label column. */
  labels: Uint8Array | null
  /** Data rows read. */
  rows: number
}

export interface RecordingReadOptions extends Pick<TableImportOptions, 'resample'> {
  missing: MissingPolicy
  /** Keep each timestamp's time as written (`seqvae score` writes it back). */
  keepTimeText?: boolean
}

interface Problem {
  places: RowPlace[]
  /** The sentence, given where the row is ("data.csv, line 12") and where the row before it is ("line 11"). */
  message: (where: string, before: string) => string
}

/**
 * Reads a table as one recording: rows in time order (a time that goes back, or repeats without
 * resampling, is refused naming both lines), features as numbers, gaps handled by `missing`,
 * optionally resampled to a period (the mean of each period's rows, a period anomalous if any of
 * its rows is).
 */
export async function readRecording(source: TableSource, columns: RecordingColumns, options: RecordingReadOptions): Promise<Recording> {
  const { time, timeFormat, features, label } = columns
  const period = options.resample === undefined ? null : parsePeriod(options.resample, timeFormat)
  const featureCount = features.length
  const times = new Growable((n) => new Float64Array(n))
  const values = new Growable((n) => new Float32Array(n))
  const labels = label === null ? null : new Growable((n) => new Uint8Array(n))
  const texts: string[] | null = options.keepTimeText && period === null ? [] : null
  const row = new Float64Array(featureCount)
  let previous: { time: number; place: RowPlace } | null = null
  let rows = 0
  let problem: Problem | null = null
  const stop = (place: RowPlace, message: (where: string, before: string) => string, before?: RowPlace) => {
    problem = { places: before ? [place, before] : [place], message }
    return false
  }
  await source.read((cells, here) => {
    rows++
    if (cells.length !== source.header.length) {
      return stop(here(), (w) => `${w} has ${cells.length} fields but the header has ${source.header.length}`)
    }
    const t = parseTime(cells[time], timeFormat)
    if (t === undefined) return stop(here(), (w) => `${w}, ${describeColumn(source, time)}: ${quoteCell(cells[time])} is not ${TIME_FORMAT_WORDS[timeFormat]}`)
    if (Number.isNaN(t)) {
      if (options.missing === 'drop') return true
      return stop(here(), (w) => `${w}, ${describeColumn(source, time)}: the time is missing; each row needs one (--missing drop leaves out such rows)`)
    }
    let missing = -1
    for (let f = 0; f < featureCount; f++) {
      const v = numberCell(cells[features[f]], source.decimalComma)
      if (v === undefined) return stop(here(), (w) => `${w}, ${describeColumn(source, features[f])}: ${quoteCell(cells[features[f]])} is not a finite number`)
      if (Number.isNaN(v) && missing < 0) missing = features[f]
      row[f] = v
    }
    let flag: 0 | 1 | undefined = 0
    if (label !== null) {
      flag = anomalyFlag(cells[label])
      if (flag === undefined) {
        return stop(here(), (w) => `${w}, ${describeColumn(source, label)}: label ${quoteCell(cells[label])} says neither normal (0, false, normal) nor anomalous (1, true, anomaly)`)
      }
    }
    if (missing >= 0) {
      if (options.missing === 'drop') return true
      if (options.missing === 'refuse') return stop(here(), (w) => `${w}, ${describeColumn(source, missing)}: the value is missing; ${MISSING_ADVICE}`)
    }
    if (previous !== null && t <= previous.time && !(t === previous.time && period !== null)) {
      const repeated = t === previous.time
      const earlier = formatTime(previous.time, timeFormat)
      const shown = formatTime(t, timeFormat)
      return stop(
        here(),
        (w, before) =>
          repeated
            ? `${w} has time ${shown} again (${before} has it too); each time may appear once (or --resample averages the rows of each period)`
            : `${w} has time ${shown}, before ${earlier} on ${before}; rows must be in time order`,
        previous.place,
      )
    }
    previous = { time: t, place: here() }
    times.push(t)
    for (let f = 0; f < featureCount; f++) values.push(row[f])
    labels?.push(flag)
    texts?.push(String(cells[time]).trim())
    return true
  })
  const failed = problem as Problem | null
  if (failed) {
    const [where, before] = await Promise.all(failed.places.map((p) => source.where(p)))
    throw new UserError(failed.message(`${source.label}, ${where}`, before ?? ''))
  }
  if (times.length === 0) throw new UserError(`${source.label} holds no rows with a time`)

  let recording: Recording = {
    timeFormat,
    times: times.values(),
    timeTexts: texts,
    values: values.values(),
    featureNames: features.map((c) => source.header[c]),
    read: {
      timeColumn: source.header[time],
      features: features.map((c) => source.header[c]),
      labelColumn: label === null ? null : source.header[label],
      missing: options.missing,
      resample: options.resample ?? null,
      delimiter: source.container.kind === 'csv' ? source.container.delimiter : null,
    },
    labels: labels?.values() ?? null,
    rows,
  }
  if (period !== null) recording = resampleToPeriod({ ...recording, timeTexts: options.keepTimeText ? [] : null }, period)
  return fillGaps(recording, options.missing, source.label)
}

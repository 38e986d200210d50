import { UserError } from '../../../../shared/errors'
import type { RecordingLayout } from '../../../../shared/recordings'
import type { SequenceSet } from '../sequence-set'
import { cutWindows, DEFAULT_WINDOW, layoutStarts, recordingLayout, WINDOW_CLASS_NAMES } from '../recording-windows'
import { indexClassLabels } from './class-labels'
import { recordingColumns, wideColumns, type TableSample } from './column-roles'
import { ImportFile, type ImportInput } from './import-file'
import { parseLongCsv } from './long-csv-format'
import { parseNpySeries } from './npy-format'
import { IMPORT_FORMATS, type ImportFormat, type TableImportOptions } from '../../../../shared/datasets'
import type { ParsedFile } from './parsed-series'
import { readRecording, type Recording } from './recording-format'
import { resampleSeries } from './resampling'
import { resolveFormat } from './table-file'
import { parseUcr } from './ucr-format'
import { readWideTable } from './wide-format'

export interface ReadOptions extends TableImportOptions {
  /** Default: detected (see table-file.ts). */
  format?: ImportFormat
  /** Integer labels for an npy file, one per series. */
  labels?: ImportInput
  /** Length every series is resampled to (default: the longest series' length). */
  steps?: number
  maxBytes?: number
  /** Keep a recording's times as written (for `seqvae score`). */
  keepTimeText?: boolean
}

/** A file's series at one length, in the file's units, with what provenance needs. */
export interface SequenceFile {
  format: ImportFormat
  fileName: string
  sha256: string
  bytes: number
  rows: number
  labelsFile: { fileName: string; sha256: string } | null
  featureNames: string[]
  /** Original length of each series (before resampling). */
  lengths: Int32Array
  classNames: string[] | null
  /** For `series`: every window, the pool's then the evaluation span's (see recording-windows.ts). */
  set: SequenceSet
  /** For `series`: the recording the windows are cut from, and how. */
  recording: { recording: Recording; layout: RecordingLayout } | null
}

const MAX_STEPS = 100_000

/** Reads, checks and resamples a file of series; any problem is a UserError naming the place. */
export async function readSequenceFile(input: ImportInput, options: ReadOptions = {}): Promise<SequenceFile> {
  if (options.format !== undefined && !IMPORT_FORMATS.includes(options.format)) {
    throw new UserError(`format must be one of: ${IMPORT_FORMATS.join(', ')}`)
  }
  if (options.steps !== undefined && (!Number.isInteger(options.steps) || options.steps < 1 || options.steps > MAX_STEPS)) {
    throw new UserError(`steps must be an integer between 1 and ${MAX_STEPS}`)
  }
  const file = await ImportFile.open(input, options.maxBytes)
  const { format, table } = await resolveFormat(file, options.format, options)
  if (options.labels && format !== 'npy') {
    throw new UserError(`a labels file goes with .npy data only; ${format === 'ucr' ? 'UCR files have the label in their first column' : `${format} files have a label column`}`)
  }
  if (format === 'series') return windowedRecording(file, table!, options)
  const labelsFile = options.labels ? await ImportFile.open(options.labels, options.maxBytes) : null
  const parsed = await parseFile(file, format, labelsFile, table, options)
  if (parsed.series.length === 0) throw new UserError(`${file.label} holds no series`)

  const lengths = Int32Array.from(parsed.series, (s) => s.length)
  const steps = options.steps ?? lengths.reduce((a, b) => Math.max(a, b), 0)
  if (steps > MAX_STEPS) throw new UserError(`${file.label} has a series of ${steps} steps; resample to at most ${MAX_STEPS} with --steps`)
  const { features } = parsed
  const data = new Float32Array(parsed.series.length * steps * features)
  parsed.series.forEach((s, i) => resampleSeries(s, features, steps, data.subarray(i * steps * features, (i + 1) * steps * features)))
  const classes = indexClassLabels(parsed.series.map((s) => s.label))
  return {
    format,
    fileName: file.fileName,
    sha256: file.sha256,
    bytes: file.size,
    rows: parsed.rows,
    labelsFile: labelsFile ? { fileName: labelsFile.fileName, sha256: labelsFile.sha256 } : null,
    featureNames: parsed.featureNames,
    lengths,
    classNames: classes?.classNames ?? null,
    set: { count: parsed.series.length, steps, features, data, labels: classes?.labels ?? null },
    recording: null,
  }
}

/** A file read as one recording (no windows), as a recording dataset's file is read for scoring. */
export async function readRecordingFile(input: ImportInput, options: ReadOptions): Promise<Recording> {
  const file = await ImportFile.open(input, options.maxBytes)
  const { table } = await resolveFormat(file, 'series', options)
  return readRecording(table!.source, recordingColumns(table!, options), { missing: options.missing ?? 'refuse', resample: options.resample, keepTimeText: options.keepTimeText })
}

/** One recording, cut into windows of `window` every `stride` timestamps (default: a quarter window). */
async function windowedRecording(file: ImportFile, table: TableSample, options: ReadOptions): Promise<SequenceFile> {
  if (options.steps !== undefined) throw new UserError('steps is for files of separate series; a recording is cut into windows of --window steps')
  const window = options.window ?? DEFAULT_WINDOW
  const stride = options.stride ?? Math.max(1, Math.floor(window / 4))
  const recording = await readRecording(table.source, recordingColumns(table, options), { missing: options.missing ?? 'refuse', resample: options.resample, keepTimeText: options.keepTimeText })
  const layout = recordingLayout(recording.times.length, window, stride, file.label)
  const starts = layoutStarts(layout)
  const all = Int32Array.from([...starts.pool, ...starts.test])
  const features = recording.featureNames.length
  const set = cutWindows(recording.values, features, recording.labels, all, window)
  return {
    format: 'series',
    fileName: file.fileName,
    sha256: file.sha256,
    bytes: file.size,
    rows: recording.rows,
    labelsFile: null,
    featureNames: recording.featureNames,
    lengths: new Int32Array(set.count).fill(window),
    classNames: recording.labels ? WINDOW_CLASS_NAMES : null,
    set,
    recording: { recording, layout },
  }
}

function parseFile(file: ImportFile, format: ImportFormat, labelsFile: ImportFile | null, table: TableSample | null, options: ReadOptions): Promise<ParsedFile> {
  switch (format) {
    case 'npy':
      return parseNpySeries(file, labelsFile)
    case 'long-csv':
      return parseLongCsv(file)
    case 'ucr':
      return parseUcr(file)
    case 'wide':
      return readWideTable(table!.source, wideColumns(table!, options), { missing: options.missing ?? 'refuse' })
    case 'series':
      throw new Error('a recording is read by windowedRecording')
  }
}

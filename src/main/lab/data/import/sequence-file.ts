import { UserError } from '../../../../shared/errors'
import type { SequenceSet } from '../sequence-set'
import { indexClassLabels } from './class-labels'
import { ImportFile, type ImportInput } from './import-file'
import { isLongCsvHeader, parseLongCsv } from './long-csv-format'
import { parseNpySeries } from './npy-format'
import { IMPORT_FORMATS, type ImportFormat } from '../../../../shared/datasets'
import type { ParsedFile } from './parsed-series'
import { resampleSeries } from './resampling'
import { splitCsvLine } from './text-fields'
import { parseUcr } from './ucr-format'

export interface ReadOptions {
  /** Default: `.npy` files are npy; text whose first line starts with `series_id` is long CSV; other text is UCR. */
  format?: ImportFormat
  /** Integer labels for an npy file, one per series. */
  labels?: ImportInput
  /** Length every series is resampled to (default: the longest series' length). */
  steps?: number
  maxBytes?: number
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
  set: SequenceSet
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
  const format = options.format ?? (await detectFormat(file))
  if (options.labels && format !== 'npy') {
    throw new UserError(`a labels file goes with .npy data only; ${format === 'ucr' ? 'UCR files have the label in their first column' : 'long CSV files have a label column'}`)
  }
  const labelsFile = options.labels ? await ImportFile.open(options.labels, options.maxBytes) : null
  const parsed = await parseFile(file, format, labelsFile)
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
  }
}

function parseFile(file: ImportFile, format: ImportFormat, labelsFile: ImportFile | null): Promise<ParsedFile> {
  switch (format) {
    case 'npy':
      return parseNpySeries(file, labelsFile)
    case 'long-csv':
      return parseLongCsv(file)
    case 'ucr':
      return parseUcr(file)
  }
}

async function detectFormat(file: ImportFile): Promise<ImportFormat> {
  if (file.extension === '.npy') return 'npy'
  for await (const line of file.lines()) {
    if (line.trim() === '') continue
    return isLongCsvHeader(splitCsvLine(line)) ? 'long-csv' : 'ucr'
  }
  return 'ucr' // only blank lines: the parser says the file holds no series
}

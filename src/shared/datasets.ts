import { z } from 'zod'
import { integer } from './schema-fields'
import type { DatasetInfo, SequenceBatch } from './api'
import { CSV_DELIMITERS, MISSING_POLICIES, TIME_FORMATS, type RecordingSummary } from './recordings'

/**
 * Datasets beyond the built-ins: what an import is told, and what a dataset's page shows (where
 * the data came from, how it was normalised, a preview in the file's own units).
 */

export const IMPORT_FORMATS = ['ucr', 'long-csv', 'npy', 'wide', 'series'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/**
 * Per-feature normalisation, fitted at import and stored with the dataset:
 * `normalised = (original − offset) / scale`. `min-max` → [0, 1] (Bernoulli/BCE decoder),
 * `z-score` → mean 0, sd 1 (Gaussian/MSE decoder), `none` keeps the values.
 */
export const NORMALISATION_KINDS = ['min-max', 'z-score', 'none'] as const
export type NormalisationKind = (typeof NORMALISATION_KINDS)[number]

export interface Normalisation {
  kind: NormalisationKind
  offset: number[]
  scale: number[]
}

/** Where an imported dataset came from. */
export interface DatasetProvenance {
  file: string
  sha256: string
  bytes: number
  /** Data rows read: text lines other than header and blanks, or the series of an npy file. */
  rows: number
  labelsFile: string | null
  labelsSha256: string | null
}

/** A file sent by a client (browser upload, desktop file picker, drag and drop). */
export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

/** Largest upload accepted through the API; bigger files (up to 2 GB) go through `seqvae import`. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024

const columnName = (field: string) =>
  z.string({ error: `${field} must be a column name` }).min(1, { error: `${field} must be a column name` }).max(200, { error: `${field} must be at most 200 characters` })

/** A period such as `1d`, `10s`, `15min`, `1h`, `500ms`, `1w`, or a plain number for a numeric time column. */
export const RESAMPLE_PATTERN = /^(\d+(\.\d+)?)(ms|s|min|h|d|w)?$/

/** The options of tables with a header (`wide`, `series`), shared by import and preview. */
const TableImportOptionsShape = {
  /** Default: detected from the first line (`,` `;` tab `|`). */
  delimiter: z.enum(CSV_DELIMITERS, { error: 'delimiter must be one of: comma, semicolon, tab, |' }).optional(),
  /** series: the time column (default: one named like time/date/timestamp, else the first). */
  timeColumn: columnName('timeColumn').optional(),
  timeFormat: z.enum(TIME_FORMATS, { error: `timeFormat must be one of: ${TIME_FORMATS.join(', ')}` }).optional(),
  /** series: the feature columns (default: every numeric column but time and label). */
  features: z.array(columnName('each feature'), { error: 'features must be a list of column names' }).min(1, { error: 'features must name at least one column' }).max(1000).optional(),
  /** series: per timestamp; wide: per series. Default: a column named label/class/anomaly, if any. */
  labelColumn: columnName('labelColumn').optional(),
  /** wide: a column naming each series (default: a first column of text, or named id/name/year). */
  idColumn: columnName('idColumn').optional(),
  /** series: steps per window (default 64) and timestamps between window starts (default window / 4). */
  window: integer('window', 2, 10_000).optional(),
  stride: integer('stride', 1, 10_000).optional(),
  missing: z.enum(MISSING_POLICIES, { error: `missing must be one of: ${MISSING_POLICIES.join(', ')}` }).optional(),
  resample: z
    .string({ error: 'resample must be a period such as 1d, 10s, 15min or 1h' })
    .regex(RESAMPLE_PATTERN, { error: 'resample must be a period such as 1d, 10s, 15min or 1h' })
    .optional(),
}

export type TableImportOptions = z.output<z.ZodObject<typeof TableImportOptionsShape>>

const NAME_MESSAGE = 'name must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit'

export const ImportOptionsSchema = z
  .object(
    {
      /** Default: from the file name. */
      name: z.string({ error: NAME_MESSAGE }).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, { error: NAME_MESSAGE }).optional(),
      /** Default: detected from the extension and first line. */
      format: z.enum(IMPORT_FORMATS, { error: `format must be one of: ${IMPORT_FORMATS.join(', ')}` }).optional(),
      /** Default `min-max`. */
      normalisation: z.enum(NORMALISATION_KINDS, { error: `normalisation must be one of: ${NORMALISATION_KINDS.join(', ')}` }).optional(),
      /** Length every series is resampled to (default: the longest series). */
      steps: integer('steps', 2, 100_000).optional(),
      ...TableImportOptionsShape,
    },
    { error: 'the import options must be an object' },
  )
  .strict()
export type ImportOptionsInput = z.input<typeof ImportOptionsSchema>

/** One dataset in full: its description plus provenance, normalisation and a preview. */
export interface DatasetDetail extends DatasetInfo {
  /** Feature names (column headers), or null for built-ins whose features are pixel columns. */
  featureNames: string[] | null
  /** Null for built-in datasets, which are already in model units. */
  normalisation: Normalisation | null
  /** Null for built-in datasets. */
  source: DatasetProvenance | null
  /** Shortest and longest series before resampling to `steps` (equal for built-ins). */
  minLength: number
  maxLength: number
  createdAt: string | null
  /** For a dataset cut from one recording: its time axis and how it is split in time; null otherwise. */
  recording: RecordingSummary | null
  /** The first few series of the training pool in original units, with their labels (−1: none). */
  preview: SequenceBatch & { labels: Int32Array }
}

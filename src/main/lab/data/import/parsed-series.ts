/** What every import format parses to, before series are brought to one length and normalised. */
export interface ParsedSeries {
  /** Row-major [length, features] in the file's units. */
  values: Float32Array
  length: number
  /** Time of each step (increasing), or null where steps are evenly spaced (row position). */
  times: Float64Array | null
  /** Class label as written in the file, or null where the file has none. */
  label: string | null
}

export const IMPORT_FORMATS = ['ucr', 'long-csv', 'npy'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export interface ParsedFile {
  format: ImportFormat
  features: number
  featureNames: string[]
  series: ParsedSeries[]
  /** Data rows read (text: lines other than header and blanks; npy: series), kept as provenance. */
  rows: number
}

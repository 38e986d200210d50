import type { ImportFormat } from '../../../../shared/datasets'

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


export interface ParsedFile {
  format: ImportFormat
  features: number
  featureNames: string[]
  series: ParsedSeries[]
  /** Data rows read (text: lines other than header and blanks; npy: series), kept as provenance. */
  rows: number
}

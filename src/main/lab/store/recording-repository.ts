import type { MissingPolicy, RecordingLayout, TimeFormat } from '../../../shared/recordings'
import type { Db } from './database'

/** How a recording's file was read, so a file of the same kind is read alike when scored. */
export interface RecordingReadSettings {
  timeColumn: string
  features: string[]
  labelColumn: string | null
  missing: MissingPolicy
  resample: string | null
  delimiter: string | null
}

/** What windows are cut from, besides the values (which are the dataset's chunks). */
export interface StoredRecording {
  timeFormat: TimeFormat
  /** Per timestamp: ms since 1970 UTC for date formats, else the file's numbers. */
  times: Float64Array
  labels: Uint8Array | null
  layout: RecordingLayout
  read: RecordingReadSettings
}

interface RecordingRow {
  time_format: TimeFormat
  times: Buffer
  labels: Buffer | null
  window_size: number
  window_stride: number
  pool_from: number
  pool_to: number
  test_from: number
  test_to: number
  pool_windows: number
  count: number
  read_json: string
}

const bytesOf = (values: Float64Array | Uint8Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength)

/** The `dataset_recordings` table: one row per dataset cut from a recording (see migration 0004). */
export class RecordingRepository {
  constructor(private readonly db: Db) {}

  /** Called inside the dataset's insert transaction. */
  insert(datasetId: number, r: StoredRecording): void {
    this.db
      .prepare(
        `INSERT INTO dataset_recordings (dataset_id, time_format, times, labels, window_size, window_stride, pool_from, pool_to, test_from, test_to, read_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        datasetId,
        r.timeFormat,
        bytesOf(r.times),
        r.labels ? bytesOf(r.labels) : null,
        r.layout.window,
        r.layout.stride,
        r.layout.pool.from,
        r.layout.pool.to,
        r.layout.test.from,
        r.layout.test.to,
        JSON.stringify(r.read),
      )
  }

  /** The recording behind a dataset, or null for a dataset of separate series. */
  find(datasetName: string): StoredRecording | null {
    const row = this.db
      .prepare<[string], RecordingRow>(
        `SELECT r.*, d.count, d.count - length(d.test_indices) / 4 AS pool_windows FROM dataset_recordings r JOIN datasets d ON d.id = r.dataset_id WHERE d.name = ?`,
      )
      .get(datasetName)
    if (!row) return null
    const times = new Float64Array(row.times.buffer.slice(row.times.byteOffset, row.times.byteOffset + row.times.byteLength))
    return {
      timeFormat: row.time_format,
      times,
      labels: row.labels ? new Uint8Array(row.labels) : null,
      layout: {
        timestamps: times.length,
        window: row.window_size,
        stride: row.window_stride,
        pool: { from: row.pool_from, to: row.pool_to },
        test: { from: row.test_from, to: row.test_to },
        poolWindows: row.pool_windows,
        testWindows: row.count - row.pool_windows,
      },
      read: JSON.parse(row.read_json) as RecordingReadSettings,
    }
  }
}

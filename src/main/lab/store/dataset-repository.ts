import { UserError } from '../../../shared/errors'
import type { DatasetProvenance, ImportFormat, Normalisation } from '../../../shared/datasets'
import { float32FromBlob, int32FromBlob, toBlob } from './blob-codec'
import type { Db } from './database'
import { RecordingRepository, type StoredRecording } from './recording-repository'

/** An imported dataset's description: everything but its series. */
export interface DatasetRecord {
  id: number
  name: string
  title: string
  format: ImportFormat
  count: number
  steps: number
  features: number
  featureNames: string[]
  classNames: string[] | null
  /** Shortest and longest series in the file, before resampling to `steps`. */
  minLength: number
  maxLength: number
  normalisation: Normalisation
  testCount: number
  source: DatasetProvenance
  createdAt: string
}

/**
 * The series (normalised, [count, steps, features]) and what goes with each. For a dataset cut
 * from a recording, `data` is the recording ([timestamps, features]) the windows are cut from, and
 * the labels, lengths and test indices are the windows'.
 */
export interface DatasetContents {
  data: Float32Array
  labels: Int32Array | null
  lengths: Int32Array
  /** Series held out as the test set, ascending. */
  testIndices: Int32Array
}

export type NewDataset = Omit<DatasetRecord, 'id' | 'createdAt' | 'minLength' | 'maxLength' | 'testCount'> &
  DatasetContents & { preview: Float32Array; previewCount: number; recording?: StoredRecording }

interface DatasetRow {
  id: number
  name: string
  title: string
  format: ImportFormat
  count: number
  steps: number
  features: number
  feature_names_json: string
  class_names_json: string | null
  min_length: number
  max_length: number
  normalisation_json: string
  test_count: number
  source_file: string
  source_sha256: string
  source_bytes: number
  source_rows: number
  labels_file: string | null
  labels_sha256: string | null
  created_at: string
}

/** Each chunk holds whole series and stays far below SQLite's 1 GB BLOB limit. */
const CHUNK_BYTES = 16 * 1024 * 1024

const RECORD_COLUMNS = `id, name, title, format, count, steps, features, feature_names_json, class_names_json, min_length,
  max_length, normalisation_json, length(test_indices) / 4 AS test_count, source_file, source_sha256, source_bytes,
  source_rows, labels_file, labels_sha256, created_at`

/** The `datasets` and `dataset_chunks` tables: imported datasets, written once and read whole. */
export class DatasetRepository {
  readonly recordings: RecordingRepository

  constructor(private readonly db: Db) {
    this.recordings = new RecordingRepository(db)
  }

  /** Stores a dataset and its series (or its recording) in one transaction: all of it or nothing. */
  insert(d: NewDataset): DatasetRecord {
    // A recording is chunked by timestamps, separate series by series.
    const [rows, size] = d.recording ? [d.recording.times.length, d.features] : [d.count, d.steps * d.features]
    const chunkSeries = Math.max(1, Math.floor(CHUNK_BYTES / (size * 4)))
    const minLength = d.lengths.reduce((a, b) => Math.min(a, b), Infinity)
    const maxLength = d.lengths.reduce((a, b) => Math.max(a, b), 0)
    this.db.transaction(() => {
      if (this.find(d.name)) throw new UserError(`a dataset named "${d.name}" already exists; choose another name`, 'conflict')
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO datasets (name, title, format, count, steps, features, feature_names_json, class_names_json, labels,
               lengths, min_length, max_length, normalisation_json, test_indices, chunk_series, preview_count, preview,
               source_file, source_sha256, source_bytes, source_rows, labels_file, labels_sha256, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            d.name,
            d.title,
            d.format,
            d.count,
            d.steps,
            d.features,
            JSON.stringify(d.featureNames),
            d.classNames ? JSON.stringify(d.classNames) : null,
            d.labels ? toBlob(d.labels) : null,
            toBlob(d.lengths),
            minLength,
            maxLength,
            JSON.stringify(d.normalisation),
            toBlob(d.testIndices),
            chunkSeries,
            d.previewCount,
            toBlob(d.preview),
            d.source.file,
            d.source.sha256,
            d.source.bytes,
            d.source.rows,
            d.source.labelsFile,
            d.source.labelsSha256,
            new Date().toISOString(),
          ).lastInsertRowid,
      )
      const insertChunk = this.db.prepare('INSERT INTO dataset_chunks (dataset_id, chunk, data) VALUES (?, ?, ?)')
      if (d.recording) this.recordings.insert(id, d.recording)
      for (let chunk = 0; chunk * chunkSeries < rows; chunk++) {
        const from = chunk * chunkSeries * size
        insertChunk.run(id, chunk, toBlob(d.data.subarray(from, Math.min(d.data.length, from + chunkSeries * size))))
      }
    })()
    return this.get(d.name)
  }

  list(): DatasetRecord[] {
    return this.db.prepare<[], DatasetRow>(`SELECT ${RECORD_COLUMNS} FROM datasets ORDER BY name`).all().map(toRecord)
  }

  find(name: string): DatasetRecord | null {
    const row = this.db.prepare<[string], DatasetRow>(`SELECT ${RECORD_COLUMNS} FROM datasets WHERE name = ?`).get(name)
    return row ? toRecord(row) : null
  }

  get(name: string): DatasetRecord {
    const record = this.find(name)
    if (!record) throw new UserError(`there is no imported dataset named "${name}"`, 'not-found')
    return record
  }

  contents(name: string): DatasetContents {
    const row = this.db
      .prepare<[string], { id: number; labels: Buffer | null; lengths: Buffer; test_indices: Buffer }>(
        'SELECT id, labels, lengths, test_indices FROM datasets WHERE name = ?',
      )
      .get(name)
    if (!row) throw new UserError(`there is no imported dataset named "${name}"`, 'not-found')
    const chunks = this.db.prepare<[number], { data: Buffer }>('SELECT data FROM dataset_chunks WHERE dataset_id = ? ORDER BY chunk').all(row.id)
    const data = new Float32Array(chunks.reduce((n, c) => n + c.data.byteLength / 4, 0))
    let offset = 0
    for (const c of chunks) {
      data.set(float32FromBlob(c.data), offset)
      offset += c.data.byteLength / 4
    }
    return {
      data,
      labels: row.labels ? int32FromBlob(row.labels) : null,
      lengths: int32FromBlob(row.lengths),
      testIndices: int32FromBlob(row.test_indices),
    }
  }

  /**
   * The series at `indices` (normalised, in that order) and their labels, reading only the chunks
   * that hold them: a dataset's page shows a few series without loading all of it. For datasets of
   * separate series only (a recording's windows are cut from `contents`).
   */
  seriesAt(name: string, indices: ArrayLike<number>): { data: Float32Array; labels: Int32Array | null } {
    const row = this.db
      .prepare<[string], { id: number; count: number; size: number; chunk_series: number; labels: Buffer | null }>(
        'SELECT id, count, steps * features AS size, chunk_series, labels FROM datasets WHERE name = ?',
      )
      .get(name)
    if (!row) throw new UserError(`there is no imported dataset named "${name}"`, 'not-found')
    const chunk = this.db.prepare<[number, number], { data: Buffer }>('SELECT data FROM dataset_chunks WHERE dataset_id = ? AND chunk = ?')
    const chunks = new Map<number, Float32Array>()
    const data = new Float32Array(indices.length * row.size)
    for (let i = 0; i < indices.length; i++) {
      const k = indices[i]
      if (!(Number.isInteger(k) && k >= 0 && k < row.count)) throw new RangeError(`series ${k} is not in dataset "${name}" (0 to ${row.count - 1})`)
      const c = Math.floor(k / row.chunk_series)
      let values = chunks.get(c)
      if (!values) {
        values = float32FromBlob(chunk.get(row.id, c)!.data)
        chunks.set(c, values)
      }
      const from = (k - c * row.chunk_series) * row.size
      data.set(values.subarray(from, from + row.size), i * row.size)
    }
    const all = row.labels ? int32FromBlob(row.labels) : null
    return { data, labels: all ? Int32Array.from(indices, (k) => all[k]) : null }
  }

  /** The series held out as the test set, ascending, without reading any series. */
  testIndices(name: string): Int32Array {
    const row = this.db.prepare<[string], { test_indices: Buffer }>('SELECT test_indices FROM datasets WHERE name = ?').get(name)
    if (!row) throw new UserError(`there is no imported dataset named "${name}"`, 'not-found')
    return int32FromBlob(row.test_indices)
  }

  /** Removes a dataset and its series; false when there was none of that name. */
  delete(name: string): boolean {
    // dataset_chunks rows go with it (ON DELETE CASCADE).
    return this.db.prepare('DELETE FROM datasets WHERE name = ?').run(name).changes > 0
  }

  /** The first few series, normalised, for a quick look without loading the dataset. */
  preview(name: string): { count: number; data: Float32Array } {
    const row = this.db.prepare<[string], { preview_count: number; preview: Buffer }>('SELECT preview_count, preview FROM datasets WHERE name = ?').get(name)
    if (!row) throw new UserError(`there is no imported dataset named "${name}"`, 'not-found')
    return { count: row.preview_count, data: float32FromBlob(row.preview) }
  }
}

function toRecord(row: DatasetRow): DatasetRecord {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    format: row.format,
    count: row.count,
    steps: row.steps,
    features: row.features,
    featureNames: JSON.parse(row.feature_names_json) as string[],
    classNames: row.class_names_json ? (JSON.parse(row.class_names_json) as string[]) : null,
    minLength: row.min_length,
    maxLength: row.max_length,
    normalisation: JSON.parse(row.normalisation_json) as Normalisation,
    testCount: row.test_count,
    source: {
      file: row.source_file,
      sha256: row.source_sha256,
      bytes: row.source_bytes,
      rows: row.source_rows,
      labelsFile: row.labels_file,
      labelsSha256: row.labels_sha256,
    },
    createdAt: row.created_at,
  }
}

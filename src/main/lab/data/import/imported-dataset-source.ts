import { findDataset } from '../dataset-registry'
import { existsSync } from 'node:fs'
import type { DatasetInfo } from '../../../../shared/api'
import type { Db } from '../../store/database'
import { DatasetRepository, type DatasetContents, type DatasetRecord } from '../../store/dataset-repository'
import { openSqlite } from '../../store/sqlite-binding'
import type { DatasetSource, LoadedDataset } from '../dataset-source'
import { cutWindows, layoutStarts } from '../recording-windows'
import type { StoredRecording } from '../../store/recording-repository'
import { selectSequences, type SequenceSet } from '../sequence-set'
import { suggestionForNormalisation } from '../suggested-config'

export function importedDatasetInfo(record: DatasetRecord): DatasetInfo {
  return {
    name: record.name,
    title: record.title,
    steps: record.steps,
    features: record.features,
    trainCount: record.count - record.testCount,
    testCount: record.testCount,
    classNames: record.classNames,
    kind: 'series',
    available: true,
    imported: true,
    suggestedConfig: suggestionForNormalisation(record.normalisation.kind),
  }
}

/**
 * An imported dataset as a source: its held-out series are the test set, the rest the pool. A
 * recording's windows are cut here, the pool's in time order so a run splits them by time.
 */
export function importedDatasetSource(record: DatasetRecord, read: () => DatasetContents, readRecording: () => StoredRecording | null): DatasetSource {
  return {
    info: () => importedDatasetInfo(record),
    load: async () => {
      const contents = read()
      const recording = record.format === 'series' ? readRecording() : null
      if (recording) return recordingWindows(record, contents, recording)
      const all: SequenceSet = { count: record.count, steps: record.steps, features: record.features, data: contents.data, labels: contents.labels }
      const held = new Set(contents.testIndices)
      const poolIndices = Int32Array.from({ length: record.count }, (_, i) => i).filter((i) => !held.has(i))
      return { pool: selectSequences(all, poolIndices), test: selectSequences(all, contents.testIndices) }
    },
  }
}

function recordingWindows(record: DatasetRecord, contents: DatasetContents, recording: StoredRecording): LoadedDataset {
  const starts = layoutStarts(recording.layout)
  const cut = (s: Int32Array) => cutWindows(contents.data, record.features, recording.labels, s, recording.layout.window)
  return { pool: cut(starts.pool), test: cut(starts.test), timeOrder: { window: recording.layout.window, poolStarts: starts.pool } }
}

/** The imported datasets, read through the Lab's own connection. */
export function importedDatasetSources(repo: DatasetRepository): DatasetSource[] {
  return repo.list().map((record) => importedDatasetSource(record, () => repo.contents(record.name), () => repo.recordings.find(record.name)))
}

/** A built-in or imported dataset by name, with the registry's sentence when there is none. */
export function findKnownDataset(repo: DatasetRepository, name: string): DatasetSource {
  return findDataset(name, importedDatasetSources(repo))
}

/**
 * The same for a process that does not hold the Lab's connection (the training worker): the
 * database file is opened read-only for each read and closed again, so the worker holds no handle
 * while it trains. A missing file or a database from before imports means no imported datasets.
 */
export function importedDatasetSourcesInFile(databaseFile: string): DatasetSource[] {
  if (!existsSync(databaseFile)) return []
  const records = withReadOnlyDb(databaseFile, (db) => (hasDatasetsTable(db) ? new DatasetRepository(db).list() : []))
  return records.map((record) =>
    importedDatasetSource(
      record,
      () => withReadOnlyDb(databaseFile, (db) => new DatasetRepository(db).contents(record.name)),
      () => withReadOnlyDb(databaseFile, (db) => new DatasetRepository(db).recordings.find(record.name)),
    ),
  )
}

function withReadOnlyDb<T>(databaseFile: string, work: (db: Db) => T): T {
  const db = openSqlite(databaseFile, { readonly: true, fileMustExist: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

const hasDatasetsTable = (db: Db) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'datasets'`).get() !== undefined

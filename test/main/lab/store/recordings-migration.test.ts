import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importDataset } from '../../../../src/main/lab/data/import/dataset-import'
import { openDatabase } from '../../../../src/main/lab/store/database'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src/main/lab/store/migrations'
import { DatasetRepository } from '../../../../src/main/lab/store/dataset-repository'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { useTempDirs } from '../../../helpers/temp-dir'

const FIXTURES = path.join(__dirname, '../../../fixtures/import')
const BEFORE = MIGRATIONS.findIndex((m) => m.name === '0004-recordings')

describe('migration 0004-recordings', () => {
  const tempDir = useTempDirs()

  it('upgrades a database holding an imported dataset, keeping its series, and then stores recordings', async () => {
    const file = path.join(tempDir(), 'before.sqlite')
    const old = openDatabase(file, { targetVersion: BEFORE })
    const imported = await importDataset(new DatasetRepository(old), { path: path.join(FIXTURES, 'long.csv') }, { name: 'old' }, [])
    const contents = new DatasetRepository(old).contents('old')
    old.close()

    const store = WorkbenchStore.open(file)
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(store.db.pragma('foreign_key_check')).toEqual([])
      expect(store.datasets.get('old')).toEqual(imported)
      expect(Array.from(store.datasets.contents('old').data)).toEqual(Array.from(contents.data))
      // The chunks still belong to their dataset: deleting it takes them along.
      const recording = await importDataset(store.datasets, { path: path.join(FIXTURES, 'tables/recording-yyyymmdd.csv') }, { window: 4, stride: 2 }, [])
      expect(recording.format).toBe('series')
      expect(store.datasets.recordings.find(recording.name)?.layout.window).toBe(4)
      store.datasets.delete('old')
      store.datasets.delete(recording.name)
      const left = store.db.prepare('SELECT (SELECT COUNT(*) FROM dataset_chunks) + (SELECT COUNT(*) FROM dataset_recordings) AS n').get() as { n: number }
      expect(left.n).toBe(0)
    } finally {
      store.close()
    }
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../src/main/lab/store/database'
import type { NewDataset } from '../../../../src/main/lab/store/dataset-repository'
import { SCHEMA_VERSION } from '../../../../src/main/lab/store/migrations'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'
import { insertLegacyRun } from '../../../helpers/legacy-runs'

const MIGRATION = 3

function dataset(name: string, count: number, steps: number, features: number): NewDataset {
  const size = count * steps * features
  return {
    name,
    title: `${name}.npy`,
    format: 'npy',
    count,
    steps,
    features,
    featureNames: Array.from({ length: features }, (_, f) => `f${f}`),
    classNames: ['a', 'b'],
    normalisation: { kind: 'min-max', offset: new Array(features).fill(0), scale: new Array(features).fill(1) },
    source: { file: `${name}.npy`, sha256: 'ab'.repeat(32), bytes: size * 4 + 128, rows: count, labelsFile: 'labels.npy', labelsSha256: 'cd'.repeat(32) },
    data: Float32Array.from({ length: size }, (_, i) => (i % 1000) / 1000),
    labels: Int32Array.from({ length: count }, (_, i) => i % 2),
    lengths: new Int32Array(count).fill(steps),
    testIndices: Int32Array.from([1, 3]),
    previewCount: 2,
    preview: new Float32Array(2 * steps * features),
  }
}

describe('the datasets tables', () => {
  const tempDir = useTempDirs()

  it(`arrive with migration ${MIGRATION} and keep the runs of an older database`, () => {
    const file = path.join(tempDir(), 'old.sqlite')
    const old = openDatabase(file, { targetVersion: MIGRATION - 1 })
    const run = { id: insertLegacyRun(old, DEFAULT_RUN_CONFIG, 'kept') }
    old.close()
    const store = WorkbenchStore.open(file)
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(store.runs.get(run.id).name).toBe('kept')
      expect(store.datasets.list()).toEqual([])
    } finally {
      store.close()
    }
  })

  it('store a dataset larger than one chunk and read it back whole, with its record', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      // 5.4 M values = 21.6 MB: two chunks of at most 16 MB of whole series.
      const big = dataset('big', 1800, 600, 5)
      const record = store.datasets.insert(big)
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM dataset_chunks').get()).toEqual({ n: 2 })
      expect(record).toMatchObject({ name: 'big', count: 1800, steps: 600, features: 5, minLength: 600, maxLength: 600, testCount: 2, classNames: ['a', 'b'] })
      expect(record.source).toEqual(big.source)
      const contents = store.datasets.contents('big')
      expect(contents.data.length).toBe(big.data.length)
      expect(contents.data.every((v, i) => v === big.data[i])).toBe(true)
      expect(Array.from(contents.labels!.subarray(0, 4))).toEqual([0, 1, 0, 1])
      expect(Array.from(contents.testIndices)).toEqual([1, 3])
      // A few series by index, across both chunks, without reading the rest.
      const size = 600 * 5
      const picked = store.datasets.seriesAt('big', [1799, 0, 1000])
      expect(picked.data.length).toBe(3 * size)
      for (const [i, k] of [1799, 0, 1000].entries()) {
        expect(picked.data.subarray(i * size, (i + 1) * size)).toEqual(big.data.subarray(k * size, (k + 1) * size))
      }
      expect(Array.from(picked.labels!)).toEqual([1, 0, 0])
      expect(() => store.datasets.seriesAt('big', [1800])).toThrow('series 1800 is not in dataset "big" (0 to 1799)')
      expect(Array.from(store.datasets.testIndices('big'))).toEqual([1, 3])
      expect(store.datasets.find('nope')).toBeNull()
      expect(() => store.datasets.contents('nope')).toThrow('there is no imported dataset named "nope"')
    } finally {
      store.close()
    }
  })

  it('delete a dataset with its chunks (foreign key cascade), and know which runs name a dataset', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      store.datasets.insert({ ...dataset('small', 4, 3, 1), labels: null, classNames: null })
      expect(store.datasets.get('small').classNames).toBeNull()
      expect(store.datasets.contents('small').labels).toBeNull()
      expect(store.datasets.seriesAt('small', [2]).labels).toBeNull()
      const a = store.runs.create({ ...DEFAULT_RUN_CONFIG, dataset: 'small' }, 'a')
      store.runs.create(DEFAULT_RUN_CONFIG, 'on mnist')
      const b = store.runs.create({ ...DEFAULT_RUN_CONFIG, dataset: 'small' }, 'b')
      expect(store.runs.idsUsingDataset('small')).toEqual([a.id, b.id])
      expect(store.runs.idsUsingDataset('other')).toEqual([])
      expect(store.datasets.delete('small')).toBe(true)
      expect(store.datasets.delete('small')).toBe(false)
      expect(store.datasets.find('small')).toBeNull()
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM dataset_chunks').get()).toEqual({ n: 0 })
    } finally {
      store.close()
    }
  })
})

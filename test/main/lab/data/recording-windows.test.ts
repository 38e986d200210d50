import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitDataset } from '../../../../src/main/lab/data/dataset-split'
import { importDataset } from '../../../../src/main/lab/data/import/dataset-import'
import { findKnownDataset } from '../../../../src/main/lab/data/import/imported-dataset-source'
import { cutWindows, layoutStarts, recordingLayout, timeSplit, windowStarts } from '../../../../src/main/lab/data/recording-windows'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { RunConfigSchema } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'

const overlaps = (a: number, b: number, window: number) => a < b + window && b < a + window

describe('cutting a recording into windows', () => {
  it('starts windows every stride and ends the last one at the span end', () => {
    expect(Array.from(windowStarts({ from: 0, to: 20 }, 8, 4))).toEqual([0, 4, 8, 12])
    expect(Array.from(windowStarts({ from: 0, to: 21 }, 8, 4))).toEqual([0, 4, 8, 12, 13])
    expect(Array.from(windowStarts({ from: 5, to: 12 }, 8, 4))).toEqual([])
  })

  it('lays out the last fifth for evaluation, a window apart from the pool', () => {
    const layout = recordingLayout(100, 8, 4, 'r.csv')
    expect(layout).toEqual({ timestamps: 100, window: 8, stride: 4, pool: { from: 0, to: 72 }, test: { from: 80, to: 100 }, poolWindows: 17, testWindows: 4 })
    const starts = layoutStarts(layout)
    expect(Array.from(starts.test)).toEqual([80, 84, 88, 92])
    for (const p of starts.pool) for (const t of starts.test) expect(t - (p + 8)).toBeGreaterThanOrEqual(8)
  })

  it('splits the pool by time: validation last, training ending a whole window before it', () => {
    const starts = windowStarts({ from: 0, to: 200 }, 16, 4)
    const { train, val } = timeSplit(starts, 16, 0.1)
    expect(val.length).toBe(Math.round(starts.length * 0.1))
    expect(Array.from(val)).toEqual(Array.from({ length: val.length }, (_, i) => starts.length - val.length + i))
    const firstVal = starts[val[0]]
    expect(starts[train[train.length - 1]] + 16).toBe(firstVal - 16)
    for (const a of train) for (const b of val) expect(overlaps(starts[a], starts[b], 16)).toBe(false)
  })

  it('labels a window anomalous when any of its timestamps is', () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => i)
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0])
    const set = cutWindows(values, 1, labels, Int32Array.from([0, 2, 4, 6, 8]), 4)
    expect(Array.from(set.labels!)).toEqual([0, 1, 1, 0, 0])
    expect(Array.from(set.data.subarray(4, 8))).toEqual([2, 3, 4, 5])
  })

  it('refuses a recording too short to split', () => {
    expect(() => recordingLayout(39, 8, 4, 'r.csv')).toThrow('r.csv has 39 timestamps, too few for windows of 8')
  })
})

describe('an imported recording as a dataset', () => {
  const tempDir = useTempDirs()

  it('trains on windows split by time and evaluates on the last ones, none overlapping', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      const file = path.join(__dirname, '../../../fixtures/import/tables/recording-semicolon-bom.csv')
      const record = await importDataset(store.datasets, { path: file }, { window: 4, stride: 2, name: 'rec' }, [])
      const layout = store.datasets.recordings.find('rec')!.layout
      expect(layout).toMatchObject({ timestamps: 30, pool: { from: 0, to: 20 }, test: { from: 24, to: 30 } })
      expect([record.count, record.testCount, record.steps]).toEqual([9 + 2, 2, 4])
      const source = findKnownDataset(store.datasets, 'rec')
      expect(source.info()).toMatchObject({ trainCount: 9, testCount: 2, classNames: ['normal', 'anomalous'] })
      const loaded = await source.load()
      expect(Array.from(loaded.timeOrder!.poolStarts)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16])
      // The anomaly at timestamp 20 is in the gap: no pool window holds it; the evaluation windows (24–27, 26–29) neither.
      expect(Array.from(loaded.pool.labels!)).toEqual(new Array(9).fill(0))
      const splits = splitDataset(loaded.pool, loaded.test, RunConfigSchema.parse({ valFraction: 0.2 }), loaded.timeOrder)
      // 2 validation windows (starts 14, 16); training ends a window before 14: starts 0…6.
      expect([splits.train.count, splits.val.count, splits.test.count]).toEqual([4, 2, 2])
      expect(Array.from(splits.train.data.subarray(0, 4))).toEqual(Array.from(loaded.pool.data.subarray(0, 4)))
    } finally {
      store.close()
    }
  })
})

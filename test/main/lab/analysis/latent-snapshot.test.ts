import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { latentSnapshot, snapshotPositions } from '../../../../src/main/lab/analysis/latent-snapshot'
import { latentTimeline } from '../../../../src/main/lab/analysis/latent-timeline'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'
import { userError } from '../../../helpers/user-error'

const metrics = (epoch: number) => ({ epoch, loss: 1, recon: 1, kl: 1, valLoss: 1, valRecon: 1, valKl: 1, seconds: 1, klWeight: 1 })

describe('the validation subset a run snapshots every epoch', () => {
  it('is drawn once from the run’s seed: the same for the same seed, ascending, distinct, at most the size', () => {
    const a = snapshotPositions(5000, 42)
    expect(a.length).toBe(1000)
    expect(snapshotPositions(5000, 42)).toEqual(a)
    expect(snapshotPositions(5000, 43)).not.toEqual(a)
    expect(new Set(a).size).toBe(1000)
    expect(Array.from(a).every((p, i) => p >= 0 && p < 5000 && (i === 0 || p > a[i - 1]))).toBe(true)
    expect(snapshotPositions(30, 1)).toEqual(Int32Array.from({ length: 30 }, (_, i) => i))
  })

  it('keeps the subset’s rows of the codes, with their labels (−1 for unlabelled data)', () => {
    const zMean = Float32Array.from({ length: 10 }, (_, i) => i) // five codes of two dimensions
    expect(latentSnapshot(zMean, 2, Int32Array.of(5, 6, 7, 8, 9), Int32Array.of(1, 4))).toEqual({
      count: 2,
      dim: 2,
      positions: Int32Array.of(1, 4),
      labels: Int32Array.of(6, 9),
      zMean: Float32Array.of(2, 3, 8, 9),
    })
    expect(latentSnapshot(zMean, 2, null, Int32Array.of(0)).labels).toEqual(Int32Array.of(-1))
  })
})

describe('a run’s latent timeline', () => {
  const tempDir = useTempDirs()

  it('projects every frame on the last frame’s principal components above three dimensions, with each epoch’s statistics', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const run = store.runs.create({ ...DEFAULT_RUN_CONFIG, latentDim: 4 }, undefined)
    const frame = (scale: number) => Float32Array.from({ length: 20 }, (_, k) => scale * Math.sin(k * 1.7) * (1 + (k % 4)))
    for (const epoch of [1, 2]) store.recordEpoch(run.id, metrics(epoch), null, null, { count: 5, dim: 4, positions: Int32Array.of(0, 1, 2, 3, 4), labels: new Int32Array(5).fill(-1), zMean: frame(epoch) })
    const timeline = latentTimeline(store, run.id)
    expect(timeline).toMatchObject({ count: 5, latentDim: 4, method: 'pca', dims: 3, axes: ['PC1', 'PC2', 'PC3'], epochs: [1, 2], stats: [null, null] })
    expect(timeline.frames.length).toBe(2 * 5 * 3)
    // Frame 2 is frame 1 scaled by 2 about the origin: with one basis, its coordinates are too (around the projected mean).
    const mean = timeline.pca!.components.map((c) => c.reduce((s, v, j) => s + v * timeline.pca!.mean[j], 0))
    for (let k = 0; k < 15; k++) expect(timeline.frames[15 + k] + mean[k % 3]).toBeCloseTo(2 * (timeline.frames[k] + mean[k % 3]), 5)
    expect(latentTimeline(store, run.id, { dims: [3, 1] })).toMatchObject({ method: 'raw', axes: ['z4', 'z2'], sourceDims: [3, 1] })
    store.close()
  })

  it('is empty for a run recorded without snapshots, and refuses dimensions the run lacks', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const run = store.runs.create({ ...DEFAULT_RUN_CONFIG, latentDim: 2 }, undefined)
    store.recordEpoch(run.id, metrics(1), null)
    expect(latentTimeline(store, run.id)).toMatchObject({ count: 0, epochs: [], method: 'raw', dims: 2, axes: ['z1', 'z2'], stats: [] })
    expect(await userError(Promise.resolve().then(() => latentTimeline(store, run.id, { dims: [2] })))).toBe('dims must be latent dimensions between 0 and 1: run 1 has 2 (got 2)')
    store.close()
  })
})

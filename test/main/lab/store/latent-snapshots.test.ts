import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EpochMetrics } from '../../../../src/shared/api'
import type { EpochLatentSnapshot } from '../../../../src/shared/latent-timeline'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import type { Checkpoint } from '../../../../src/main/lab/model/checkpoint'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { useTempDirs } from '../../../helpers/temp-dir'

const metrics = (epoch: number): EpochMetrics => ({ epoch, loss: 1 / epoch, recon: 1, kl: 1, valLoss: 1 / epoch, valRecon: 1, valKl: 1, seconds: 1, klWeight: 1 })
const snapshot = (shift: number): EpochLatentSnapshot => ({
  count: 3,
  dim: 2,
  positions: Int32Array.of(1, 4, 9),
  labels: Int32Array.of(2, 0, 2),
  zMean: Float32Array.from([0, 1, 2, 3, 4, 5], (v) => v + shift),
})
const checkpoint = (epoch: number): Checkpoint => ({
  epoch,
  weights: [{ name: 'w', shape: [1], values: Float32Array.of(epoch) }],
  optimizer: { step: epoch, m: [], v: [] },
  state: { epoch, step: epoch, rng: [1, 2, 3, 4] },
})

describe('per-epoch latent snapshots', () => {
  const tempDir = useTempDirs()
  const open = () => WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))

  it('are stored with their epoch, read back in epoch order with the subset once, and dropped with the epochs a resume redoes', () => {
    const store = open()
    const run = store.runs.create(DEFAULT_RUN_CONFIG, undefined)
    for (const epoch of [1, 2, 3]) store.recordEpoch(run.id, metrics(epoch), checkpoint(epoch), null, snapshot(epoch))
    const stored = store.snapshots.get(run.id)!
    expect(stored).toMatchObject({ count: 3, dim: 2, positions: Int32Array.of(1, 4, 9), labels: Int32Array.of(2, 0, 2) })
    expect(stored.epochs.map((e) => e.epoch)).toEqual([1, 2, 3])
    expect(stored.epochs[2].zMean).toEqual(snapshot(3).zMean)

    store.metrics.truncateAfter(run.id, 1)
    expect(store.snapshots.get(run.id)!.epochs.map((e) => e.epoch)).toEqual([1])
    store.close()
  })

  it('land in the epoch’s transaction: when the epoch cannot be written whole, neither its metrics nor its snapshot are', () => {
    const store = open()
    const run = store.runs.create(DEFAULT_RUN_CONFIG, undefined)
    store.recordEpoch(run.id, metrics(1), checkpoint(1), null, snapshot(1))
    // The disk fails while the epoch's checkpoint is written, after its metrics and snapshot.
    store.db.exec(`CREATE TEMP TRIGGER fail_checkpoint BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;
                   CREATE TEMP TRIGGER fail_checkpoint_insert BEFORE INSERT ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;`)
    expect(() => store.recordEpoch(run.id, metrics(2), checkpoint(2), null, snapshot(2))).toThrow('disk I/O error')
    expect(store.metrics.epochs(run.id).map((m) => m.epoch)).toEqual([1])
    expect(store.snapshots.get(run.id)!.epochs.map((e) => e.epoch)).toEqual([1])
    expect(store.runs.get(run.id).epochsDone).toBe(1)
    store.close()
  })

  it('refuse a snapshot whose arrays do not match its shape, writing nothing of the epoch', () => {
    const store = open()
    const run = store.runs.create(DEFAULT_RUN_CONFIG, undefined)
    expect(() => store.recordEpoch(run.id, metrics(1), null, null, { ...snapshot(0), zMean: new Float32Array(5) })).toThrow('a latent snapshot of 3 × 2 codes came with 3 positions, 3 labels and 5 values')
    expect(store.metrics.epochs(run.id)).toEqual([])
    expect(store.snapshots.get(run.id)).toBeNull()
    store.close()
  })
})

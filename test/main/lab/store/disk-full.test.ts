import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { initialWeights } from '../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../src/main/lab/model/model-spec'
import type { Checkpoint } from '../../../../src/main/lab/model/checkpoint'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'

const spec = (hiddenUnits: number) => modelSpecFor({ ...DEFAULT_RUN_CONFIG, hiddenUnits }, 28, 28)

function checkpoint(epoch: number, hiddenUnits: number): Checkpoint {
  const weights = initialWeights(spec(hiddenUnits), epoch)
  const zeros = weights.map((w) => ({ ...w, values: new Float32Array(w.values.length) }))
  return { epoch, weights, optimizer: { step: epoch * 10, m: zeros, v: zeros }, state: { epoch, step: epoch * 10, rng: [1, 2, 3, epoch] } }
}

const metrics = (epoch: number) => ({ epoch, loss: 0.3, recon: 0.3, kl: 1, valLoss: 0.3, valRecon: 0.3, valKl: 1, seconds: 1, klWeight: 0.01 })

describe('a full disk while writing a checkpoint', () => {
  const tempDir = useTempDirs()

  it('fails that epoch as a whole and leaves the previous checkpoint loadable', () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'w.sqlite'))
    const run = store.runs.create(DEFAULT_RUN_CONFIG, 'r')
    const first = checkpoint(1, 40)
    store.recordEpoch(run.id, metrics(1), first)

    // SQLite's own size limit stands in for a full disk: the next page it needs is refused (SQLITE_FULL).
    const pages = store.db.pragma('page_count', { simple: true }) as number
    store.db.pragma(`max_page_count = ${pages}`)
    expect(() => store.recordEpoch(run.id, metrics(2), checkpoint(2, 256))).toThrow(/full/)

    const kept = store.artifacts.checkpoint(run.id)!
    expect(kept.epoch).toBe(1)
    expect(kept.state).toEqual(first.state)
    expect(kept.weights.map((w) => Array.from(w.values))).toEqual(first.weights.map((w) => Array.from(w.values)))
    expect(store.metrics.epochs(run.id).map((m) => m.epoch)).toEqual([1])
    expect(store.runs.get(run.id).epochsDone).toBe(1)
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')

    // Space again: the same write succeeds.
    store.db.pragma('max_page_count = 1073741823')
    store.recordEpoch(run.id, metrics(2), checkpoint(2, 256))
    expect(store.artifacts.checkpoint(run.id)!.epoch).toBe(2)
    store.close()
  })
})

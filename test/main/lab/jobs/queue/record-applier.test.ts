import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecordApplier } from '../../../../../src/main/lab/jobs/queue/hub/record-applier'
import type { RemoteMessage, RunRecord } from '../../../../../src/main/lab/jobs/queue/run-records'
import { RunRecorder } from '../../../../../src/main/lab/jobs/run-recorder'
import type { Checkpoint } from '../../../../../src/main/lab/model/checkpoint'
import { WorkbenchStore } from '../../../../../src/main/lab/store/workbench-store'
import type { RunId } from '../../../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../../../src/shared/run-config'
import { useTempDirs } from '../../../../helpers/temp-dir'

const WORKER = { id: 'w1', name: 'gpu-box', host: 'gpu-box.lab' }
const checkpoint = (epoch: number): Checkpoint => ({
  epoch,
  weights: [{ name: 'w', shape: [2], values: Float32Array.of(epoch, -epoch) }],
  optimizer: { step: epoch * 10, m: [], v: [] },
  state: { epoch, step: epoch * 10, rng: [1, 2, 3, epoch] },
})
const epoch = (n: number): RemoteMessage => ({
  type: 'epoch',
  metrics: { epoch: n, loss: 1 / n, recon: 1 / n, kl: 0, valLoss: 1 / n, valRecon: 1 / n, valKl: 0, seconds: 1, klWeight: 0.01 },
  checkpoint: checkpoint(n),
  latentStats: null,
})
const started = (fromEpoch: number, worker = WORKER): RemoteMessage => ({
  type: 'started',
  engine: 'fused',
  backend: 'native',
  params: 10,
  env: { engine: 'fused', backend: 'native', node: '20', platform: 'linux', arch: 'x64', cpus: 2, packages: {}, trainedOn: [{ worker: worker.name, host: worker.host, fromEpoch }] },
})

/** A store with one run sent to the queue, the hub's fence at `generation` 5, and an applier over it. */
function setUp(dir: string) {
  const store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  const runId: RunId = store.runs.create(DEFAULT_RUN_CONFIG, 'queued run').id
  store.queue.openJob(runId)
  store.queue.fence(runId, 5)
  store.queue.markSent(runId)
  const applier = new RecordApplier(store, new RunRecorder(store))
  let seq = 0
  const record = (generation: number, message: RemoteMessage, at = seq++): RunRecord => ({ generation, seq: at, sentAt: 0, message })
  return { store, runId, applier, record, resetSeq: () => (seq = 0) }
}

describe('the hub applies each remote record exactly once', () => {
  const tempDir = useTempDirs()

  it('writes an attempt in order, and skips a record delivered again (a restart, a resent command)', () => {
    const { store, runId, applier, record } = setUp(tempDir())
    const claimed = record(6, { type: 'claimed', worker: WORKER, resumedFrom: 0 })
    expect(applier.apply(runId, claimed).outcome).toBe('applied')
    expect(applier.apply(runId, record(6, started(1))).events.map((e) => e.type)).toEqual(['started'])
    const first = record(6, epoch(1))
    expect(applier.apply(runId, first)).toMatchObject({ outcome: 'applied', events: [{ type: 'epoch' }], checkpoint: { epoch: 1 } })
    // The same record again: nothing written, no event, but its checkpoint is published again in case that was lost.
    expect(applier.apply(runId, first)).toMatchObject({ outcome: 'replayed', events: [], checkpoint: { epoch: 1 } })
    expect(applier.apply(runId, claimed).outcome).toBe('replayed')
    applier.apply(runId, record(6, epoch(2)))
    expect(applier.apply(runId, first)).toMatchObject({ outcome: 'replayed', checkpoint: null })
    expect(store.metrics.epochs(runId).map((m) => m.epoch)).toEqual([1, 2])
    expect(store.artifacts.checkpoint(runId)?.epoch).toBe(2)
    expect(store.runs.get(runId)).toMatchObject({ status: 'running', env: { trainedOn: [{ worker: 'gpu-box', fromEpoch: 1 }] } })
    store.close()
  })

  it('drops a stale attempt once a newer one has claimed the run, and the newer one redoes the epochs after its checkpoint', () => {
    const { store, runId, applier, record, resetSeq } = setUp(tempDir())
    for (const m of [{ type: 'claimed', worker: WORKER, resumedFrom: 0 } as const, started(1), epoch(1), epoch(2), epoch(3)]) applier.apply(runId, record(6, m))
    // Attempt 7 resumes from epoch 2's checkpoint (the hub had published it); epoch 3's rows go.
    resetSeq()
    const other = { id: 'w2', name: 'laptop', host: 'laptop.lab' }
    expect(applier.apply(runId, record(7, { type: 'claimed', worker: other, resumedFrom: 2 })).outcome).toBe('applied')
    expect(store.metrics.epochs(runId).map((m) => m.epoch)).toEqual([1, 2])
    // The old worker carried on (it was only cut off): its records are dropped, its end too.
    expect(applier.apply(runId, record(6, epoch(4), 40)).outcome).toBe('skipped')
    expect(applier.apply(runId, record(6, { type: 'done', status: 'finished', error: null }, 41)).outcome).toBe('skipped')
    applier.apply(runId, record(7, started(3, other)))
    applier.apply(runId, record(7, epoch(3)))
    expect(store.metrics.epochs(runId).map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(store.runs.get(runId).env?.trainedOn).toEqual([
      { worker: 'gpu-box', host: 'gpu-box.lab', fromEpoch: 1 },
      { worker: 'laptop', host: 'laptop.lab', fromEpoch: 3 },
    ])
    // An opener no newer than the current attempt cannot take the run back.
    expect(applier.apply(runId, record(6, { type: 'claimed', worker: WORKER, resumedFrom: 0 }, 99)).outcome).toBe('skipped')
    expect(applier.apply(runId, record(7, { type: 'done', status: 'finished', error: null }))).toMatchObject({ outcome: 'applied', ended: true })
    expect(store.runs.get(runId).status).toBe('finished')
    // After the end, nothing more is written.
    expect(applier.apply(runId, record(8, { type: 'claimed', worker: WORKER, resumedFrom: 0 })).outcome).toBe('skipped')
    store.close()
  })

  it('records a refusal as the run\'s failure, and ignores records from before the hub sent the job', () => {
    const { store, runId, applier, record } = setUp(tempDir())
    expect(applier.apply(runId, record(5, { type: 'claimed', worker: WORKER, resumedFrom: 0 })).outcome).toBe('skipped')
    expect(applier.apply(runId, record(3, epoch(1))).outcome).toBe('skipped')
    const refused = applier.apply(runId, record(6, { type: 'refused', error: 'worker gpu-box (gpu-box.lab) refused the job: unknown field: shell' }))
    expect(refused).toMatchObject({ outcome: 'applied', ended: true })
    expect(store.runs.get(runId)).toMatchObject({ status: 'failed', error: 'worker gpu-box (gpu-box.lab) refused the job: unknown field: shell' })
    store.close()
  })
})

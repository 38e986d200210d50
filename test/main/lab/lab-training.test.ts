import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/shared/api'
import { databaseFile } from '../../../src/main/lab/data-dir'
import { Lab } from '../../../src/main/lab/lab'
import { useTempDirs } from '../../helpers/temp-dir'
import { TINY_RUN } from '../../helpers/tiny-run'
import { openStore } from '../../helpers/open-store'

function waitFor(lab: Lab, predicate: (e: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const off = lab.subscribe((e) => {
      if (predicate(e)) {
        off()
        resolve(e)
      }
    })
  })
}

describe('the Lab trains real MNIST runs in a worker process', () => {
  const tempDir = useTempDirs()

  it('trains, the loss falls, events arrive in order, and codes and weights are stored', async () => {
    const lab = Lab.open({ dataDir: tempDir() })
    const events: RunEvent[] = []
    lab.subscribe((e) => events.push(e))
    const run = await lab.createRun(TINY_RUN, 'tiny')
    expect(['queued', 'running']).toContain(run.status)
    const detail = await lab.waitForRun(run.id)
    expect(detail.status).toBe('finished')
    expect(detail.params).toBe(15194)
    expect(detail.env?.packages['@tensorflow/tfjs']).toBe('4.22.0')
    expect(detail.engine).toBeTruthy()

    const [series] = await lab.getMetrics([run.id])
    expect(series.epochs.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(series.epochs[2].valLoss).toBeLessThan(series.epochs[0].valLoss)
    expect(series.epochs[2].loss).toBeLessThan(series.epochs[0].loss)
    for (const m of series.epochs) expect(m.loss).toBeCloseTo(0.99 * m.recon + 0.01 * m.kl, 5)
    expect(series.batches.length).toBeGreaterThan(0)
    // The validation codes' statistics are tracked every epoch.
    expect(series.latentStats.map((p) => [p.epoch, p.stats.count, p.stats.dim])).toEqual([
      [1, 100, 3],
      [2, 100, 3],
      [3, 100, 3],
    ])
    expect(series.latentStats[2].stats.mmd.mmd2).toBeGreaterThan(0)
    // So are the codes of a fixed validation subset (all 100 here), one frame per epoch.
    const timeline = await lab.getLatentTimeline(run.id)
    expect([timeline.epochs, timeline.count, timeline.dims, timeline.method, timeline.frames.length]).toEqual([[1, 2, 3], 100, 3, 'raw', 3 * 100 * 3])
    expect(timeline.stats.map((s) => s?.activeUnits)).toEqual(series.latentStats.map((p) => p.stats.activeUnits))
    const frame = (i: number) => timeline.frames.subarray(i * 300, (i + 1) * 300)
    expect(frame(0)).not.toEqual(frame(2))

    const seqs = events.map((e) => e.seq)
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i))
    const types = events.filter((e) => e.type !== 'progress').map((e) => (e.type === 'phase' ? `phase:${e.phase}` : e.type))
    // The 200 evaluation samples are encoded in one chunk: evaluating 0 of 200, then 200 of 200.
    expect(types).toEqual(['queued', 'phase:loading-data', 'started', 'epoch', 'epoch', 'epoch', 'phase:evaluating', 'phase:evaluating', 'status'])
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.progress : null)!)
    expect(progress.at(-1)).toMatchObject({ epoch: 3, samplesDone: 400, samplesTotal: 400 })

    const cloud = await lab.getLatents(run.id)
    expect([cloud.count, cloud.dim, cloud.zMean.length]).toEqual([200, 3, 600])
    expect(Array.from(cloud.labels.subarray(0, 3))).toEqual([7, 2, 1]) // the MNIST test set's first labels
    expect(cloud.reconBce.every((v) => v > 0 && v < 1)).toBe(true)
    expect(detail.hasWeights).toBe(true)

    // Decoding a stored z_mean reproduces the reconstruction whose error was stored.
    const decoded = await lab.decode(run.id, cloud.zMean.slice(0, 3), 1)
    expect([decoded.count, decoded.steps, decoded.features]).toEqual([1, 28, 28])
    await lab.close()
  })

  it('publishes the evaluation of its test set as phase events whose done rises to the total', async () => {
    const lab = Lab.open({ dataDir: tempDir() })
    const events: RunEvent[] = []
    lab.subscribe((e) => events.push(e))
    // 2,500 test samples are encoded 1,000 at a time, so evaluation reports four times.
    const run = await lab.createRun({ ...TINY_RUN, epochs: 1, evalLimit: 2500 })
    expect((await lab.waitForRun(run.id)).status).toBe('finished')
    const evaluating = events.flatMap((e) => (e.type === 'phase' && e.phase === 'evaluating' && e.runId === run.id ? [[e.done, e.total]] : []))
    expect(evaluating).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ])
    // All of it after the last epoch and before the run's final status.
    const order = events.filter((e) => e.runId === run.id).map((e) => e.type)
    expect(order.lastIndexOf('epoch')).toBeLessThan(order.indexOf('phase', order.indexOf('started')))
    expect(order.at(-1)).toBe('status')
    await lab.close()
  })

  it('cancels a running run within a batch and keeps its finished epochs', async () => {
    const lab = Lab.open({ dataDir: tempDir() })
    const run = await lab.createRun({ ...TINY_RUN, epochs: 50 })
    await waitFor(lab, (e) => e.type === 'epoch' && e.runId === run.id)
    await lab.cancelRun(run.id)
    const detail = await lab.getRun(run.id)
    // The worker stopped at a batch boundary and said so (a worker killed after the grace period
    // would leave the run crashed), long before its 50 epochs.
    expect([detail.status, detail.error]).toEqual(['cancelled', null])
    expect(detail.epochsDone).toBeGreaterThanOrEqual(1)
    expect(detail.epochsDone).toBeLessThan(50)
    await expect(lab.cancelRun(run.id)).rejects.toThrow(`run ${run.id} is already cancelled`)
    await lab.close()
  })

  it('marks a run crashed when its training process is SIGKILLed, and the database stays intact', async () => {
    const dataDir = tempDir()
    const lab = Lab.open({ dataDir })
    const run = await lab.createRun({ ...TINY_RUN, epochs: 50 })
    await waitFor(lab, (e) => e.type === 'epoch' && e.runId === run.id)
    process.kill(lab.workerPid(run.id)!, 'SIGKILL')
    const detail = await lab.waitForRun(run.id)
    expect(detail.status).toBe('crashed')
    expect(detail.error).toContain('SIGKILL')
    expect(detail.epochsDone).toBeGreaterThanOrEqual(1)
    await lab.close()
    const db = new Database(databaseFile(dataDir), { readonly: true })
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('rejects invalid configs with a sentence and stores nothing', async () => {
    const lab = Lab.open({ dataDir: tempDir() })
    await expect(lab.createRun({ latentDim: 0 })).rejects.toThrow('latentDim must be an integer between 1 and 64')
    await expect(lab.createRun({ learningRate: -1 })).rejects.toThrow('learningRate must be a number greater than 0')
    await expect(lab.createRun({ cell: 'rnn' as 'gru' })).rejects.toThrow('cell must be one of: gru, lstm')
    await expect(lab.createRun({ dataset: 'cifar' })).rejects.toThrow('unknown dataset "cifar"')
    await expect(lab.createRun({ epochz: 3 } as never)).rejects.toThrow('unknown field: epochz')
    expect(await lab.listRuns()).toEqual([])
    await expect(lab.getRun(99)).rejects.toThrow('run 99 does not exist')
    await lab.close()
  })

  it('announces edits to a run so other windows can show them', async () => {
    const dataDir = tempDir()
    const store = openStore(dataDir)
    const run = store.runs.create((await import('../../../src/shared/run-config')).DEFAULT_RUN_CONFIG, 'before')
    store.close()
    const lab = Lab.open({ dataDir })
    const events: RunEvent[] = []
    lab.subscribe((e) => events.push(e))
    const updated = await lab.updateRun(run.id, { name: 'after', tags: ['keep'] })
    expect([updated.name, updated.tags]).toEqual(['after', ['keep']])
    expect(events.map((e) => [e.type, e.runId])).toEqual([['updated', run.id]])
    await lab.close()
  })

  it('marks runs left running by a dead process as crashed at start-up', async () => {
    const dataDir = tempDir()
    // What an earlier process left behind when it died mid-run.
    const first = openStore(dataDir)
    const run = first.runs.create((await import('../../../src/shared/run-config')).DEFAULT_RUN_CONFIG, 'orphan')
    first.runs.setStatus(run.id, 'running')
    first.db.prepare(`UPDATE runs SET heartbeat_at = '2020-01-01T00:00:00.000Z' WHERE id = ?`).run(run.id)
    first.close()
    const second = Lab.open({ dataDir })
    const detail = await second.getRun(run.id)
    expect(detail.status).toBe('crashed')
    expect(detail.error).toContain('last heartbeat 2020-01-01T00:00:00.000Z')
    await second.close()
  })
})

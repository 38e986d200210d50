import Database from 'better-sqlite3'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../../../src/main/lab/data-dir'
import { Lab } from '../../../../../src/main/lab/lab'
import { createHttpWorkbench } from '../../../../../src/renderer/src/api/http-workbench'
import type { RunId } from '../../../../../src/shared/api'
import type { RunConfigInput } from '../../../../../src/shared/run-config'
import { startServeProcess } from '../../../../e2e/helpers/serve-process'
import { openStore } from '../../../../helpers/open-store'
import { midEpochAfter, nextEvent, openQueueHub } from '../../../../helpers/queue-hub'
import { startRedis } from '../../../../helpers/redis-server'
import { useRedisForSuite } from '../../../../helpers/redis-suite'
import { useTempDirs } from '../../../../helpers/temp-dir'
import { startWorker } from '../../../../helpers/worker-process'

/** Epochs long enough (a few tenths of a second) that a kill chosen by events lands inside one. */
const RUN: RunConfigInput = { epochs: 5, trainLimit: 2500, valLimit: 200, evalLimit: 100, batchSize: 32 }

/** The run's epochs as the database holds them, with how many rows each has (the primary key allows one). */
function recordedEpochs(dataDir: string, runId: RunId): { epochs: number[]; checkpoint: number | null; integrity: string } {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    const epochs = (db.prepare('SELECT epoch FROM epoch_metrics WHERE run_id = ? ORDER BY epoch').all(runId) as { epoch: number }[]).map((r) => r.epoch)
    const checkpoint = (db.prepare('SELECT epoch FROM checkpoints WHERE run_id = ?').get(runId) as { epoch: number } | undefined)?.epoch ?? null
    return { epochs, checkpoint, integrity: db.pragma('integrity_check', { simple: true }) as string }
  } finally {
    db.close()
  }
}

/** A killed worker's job moves on after this stall timeout (short, yet several lock renewals long for a loaded machine). */
const KILLED_WORKER_STALL_S = 5

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('training queue faults (real Redis, real worker and hub processes)', () => {
  const tempDir = useTempDirs()
  const suiteRedis = useRedisForSuite()

  it('gives the run of a worker killed mid-epoch to another worker, which ends it exactly as an uninterrupted run', async () => {
    const hubDir = tempDir()
    const hub = openQueueHub(hubDir, suiteRedis().url)
    const workers = { alpha: startWorker(suiteRedis().url, tempDir(), ['--name', 'alpha'], KILLED_WORKER_STALL_S), beta: startWorker(suiteRedis().url, tempDir(), ['--name', 'beta'], KILLED_WORKER_STALL_S) }
    const run = await hub.createRun(RUN, 'survives its worker')
    // Chosen by what the run has done: epoch 2 recorded, epoch 3 under way.
    await midEpochAfter(hub, run.id, 2)
    const first = (await hub.getRun(run.id)).env!.trainedOn![0].worker as keyof typeof workers
    await workers[first].kill('SIGKILL')

    const localDir = tempDir()
    const local = Lab.open({ dataDir: localDir })
    const reference = await local.waitForRun((await local.createRun(RUN)).id)
    const done = await hub.waitForRun(run.id)
    expect(done.status).toBe('finished')
    const second = first === 'alpha' ? 'beta' : 'alpha'
    expect(done.env?.trainedOn?.map((p) => p.worker)).toEqual([first, second])
    // It resumed from the checkpoint of the last epoch the first worker finished: 2, or 3 if that one reached the hub first.
    expect(done.env?.trainedOn?.[1].fromEpoch).toBeGreaterThanOrEqual(3)
    expect(recordedEpochs(hubDir, run.id)).toEqual({ epochs: oneToN(5), checkpoint: 5, integrity: 'ok' })

    const [moved, straight] = [(await hub.getMetrics([run.id]))[0], (await local.getMetrics([reference.id]))[0]]
    expect(moved.epochs.map((m) => [m.loss, m.valLoss])).toEqual(straight.epochs.map((m) => [m.loss, m.valLoss]))
    const [hubStore, localStore] = [openStore(hubDir), openStore(localDir)]
    const [a, b] = [hubStore.artifacts.finalWeights(run.id)!, localStore.artifacts.finalWeights(reference.id)!]
    expect(a.map((w) => [w.name, Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)])).toEqual(
      b.map((w) => [w.name, Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)]),
    )
    hubStore.close()
    localStore.close()
    await local.close()
    await workers[second].stop()
    await hub.close()
  })

  it('keeps training while the hub is killed; the restarted hub records every epoch exactly once and ends the run', async () => {
    const hubDir = tempDir()
    const serve = () => startServeProcess(hubDir, ['--queue', suiteRedis().url])
    const first = await serve()
    const worker = startWorker(suiteRedis().url, tempDir(), ['--name', 'steady'])
    const api = createHttpWorkbench({ baseUrl: first.origin, token: first.token })
    const published: number[] = []
    const run = await api.createRun({ ...RUN, epochs: 6 }, 'outlives its hub')
    const stopListening = api.subscribe((e) => {
      if (e.runId === run.id && e.type === 'epoch') published.push(e.metrics.epoch)
    })
    await expect.poll(() => published.length).toBeGreaterThanOrEqual(2)
    await first.kill('SIGKILL')
    stopListening()
    const beforeRestart = [...published]
    // With the hub gone the worker trains on to the end: its records wait in Redis.
    await worker.waitFor(/job run-\d+-1-\w+: finished/)
    expect(recordedEpochs(hubDir, run.id).epochs.length).toBeLessThan(6)

    const second = await serve()
    const api2 = createHttpWorkbench({ baseUrl: second.origin, token: second.token })
    const republished: number[] = []
    const stopListening2 = api2.subscribe((e) => {
      if (e.runId === run.id && e.type === 'epoch') republished.push(e.metrics.epoch)
    })
    await expect.poll(async () => (await api2.getRun(run.id)).status).toBe('finished')
    stopListening2()
    expect(recordedEpochs(hubDir, run.id)).toEqual({ epochs: oneToN(6), checkpoint: 6, integrity: 'ok' })
    // No epoch was announced (and so applied) twice across the two hubs.
    const all = [...beforeRestart, ...republished]
    expect(new Set(all).size).toBe(all.length)
    expect((await api2.getRun(run.id)).env?.trainedOn).toEqual([{ worker: 'steady', host: hostname(), fromEpoch: 1 }])
    expect(await second.stop()).toBe(0)
    await worker.stop()
  })

  it('keeps queued and running runs through a Redis restart (append-only file), losing nothing', async () => {
    const durable = await startRedis({ appendonly: true })
    const hubDir = tempDir()
    const hub = openQueueHub(hubDir, durable.url)
    const worker = startWorker(durable.url, tempDir(), ['--name', 'patient'])
    const running = await hub.createRun(RUN, 'running')
    const queued = await hub.createRun({ ...RUN, epochs: 2 }, 'queued')
    await nextEvent(hub, (e) => e.runId === running.id && e.type === 'epoch')
    await durable.stop()
    await expect.poll(async () => (await hub.getQueueStatus()).problem).toMatch(/unreachable/)
    await durable.start()
    expect((await hub.waitForRun(running.id)).status).toBe('finished')
    expect((await hub.waitForRun(queued.id)).status).toBe('finished')
    expect(recordedEpochs(hubDir, running.id)).toEqual({ epochs: oneToN(5), checkpoint: 5, integrity: 'ok' })
    expect(recordedEpochs(hubDir, queued.id)).toEqual({ epochs: oneToN(2), checkpoint: 2, integrity: 'ok' })
    await worker.stop()
    await hub.close()
    await durable.dispose()
  })

  it('keeps serving while the queue is unreachable, says so in one sentence, and runs wait until it answers', async () => {
    const later = await startRedis()
    await later.stop()
    const hubDir = tempDir()
    const server = await startServeProcess(hubDir, ['--queue', later.url])
    const api = createHttpWorkbench({ baseUrl: server.origin, token: server.token })
    const status = await api.getQueueStatus()
    expect(status.problem).toBe(`The queue at ${later.url} is unreachable (connect ECONNREFUSED 127.0.0.1:${later.port}); runs wait here and go to it when it answers.`)
    const run = await api.createRun({ ...RUN, epochs: 2 }, 'waits for the queue')
    expect((await api.getRun(run.id)).status).toBe('queued')
    expect((await api.listRuns()).map((r) => r.id)).toEqual([run.id])
    expect((await api.getQueueStatus()).waiting).toEqual([{ runId: run.id, position: 1 }])

    await later.start()
    const worker = startWorker(later.url, tempDir(), ['--name', 'late'])
    await expect.poll(async () => (await api.getRun(run.id)).status).toBe('finished')
    expect((await api.getQueueStatus()).problem).toBeNull()
    expect(recordedEpochs(hubDir, run.id).epochs).toEqual([1, 2])
    expect(await server.stop()).toBe(0)
    await worker.stop()
    await later.dispose()
  })

  it('gives a run up as failed, with the reason, once the workers training it have vanished three times', async () => {
    const hub = openQueueHub(tempDir(), suiteRedis().url)
    const run = await hub.createRun({ ...RUN, epochs: 100 }, 'kills its workers')
    for (let i = 0; i < 3; i++) {
      const started = nextEvent(hub, (e) => e.runId === run.id && e.type === 'started')
      const victim = startWorker(suiteRedis().url, tempDir(), ['--name', `victim-${i}`], KILLED_WORKER_STALL_S)
      await started
      await victim.kill('SIGKILL')
    }
    const survivor = startWorker(suiteRedis().url, tempDir(), ['--name', 'survivor'])
    expect(await hub.waitForRun(run.id)).toMatchObject({
      status: 'failed',
      error: 'the queue gave the run up: the worker training it vanished 3 times (stopped, killed or cut off from the queue)',
    })
    expect((await hub.waitForRun((await hub.createRun({ ...RUN, epochs: 1 })).id)).status).toBe('finished')
    await survivor.stop()
    await hub.close()
  })
})

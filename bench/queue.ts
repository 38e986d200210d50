/**
 * `npm run bench:queue`: the training queue's goals, measured in one invocation on this machine.
 * A real redis-server, the hub in this process (a Lab sending runs to the queue, as `seqvae serve
 * --queue` does) and real `seqvae worker` processes with one training thread each:
 *  - throughput: a batch of short runs on one worker (the reference), then the same batch on two;
 *  - overhead per job: enqueue → first progress event at the hub, one run at a time on idle workers;
 *  - epoch record lag: the worker sends an epoch's record → the hub has committed its row.
 *
 *   node bin/run-ts.cjs bench/queue.ts [--runs 40] [--overhead-runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Lab } from '../src/main/lab/lab'
import type { RunConfigInput } from '../src/shared/run-config'
import { startRedis } from '../test/helpers/redis-server'
import { startWorker, type WorkerProcess } from '../test/helpers/worker-process'
import { describeMs, loadLine, quantile } from './lib/timing'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, 'overhead-runs': { type: 'string', default: '20' } } })
const RUNS = Number(values.runs)
const OVERHEAD_RUNS = Number(values['overhead-runs'])

/** A short run: about a second of training on one thread. */
const SHORT: RunConfigInput = { epochs: 2, trainLimit: 3000, valLimit: 300, evalLimit: 300, batchSize: 32 }

const tmp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix))
const sorted = (v: number[]) => [...v].sort((a, b) => a - b)

/** Queues `count` runs at once and resolves with the seconds until the last has finished. */
async function batch(lab: Lab, count: number, label: string): Promise<number> {
  const started = performance.now()
  const ids: number[] = []
  for (let i = 0; i < count; i++) ids.push((await lab.createRun({ ...SHORT, seed: i }, `${label} ${i}`)).id)
  const done = await Promise.all(ids.map((id) => lab.waitForRun(id)))
  const failed = done.filter((r) => r.status !== 'finished')
  if (failed.length > 0) throw new Error(`${failed.length} runs did not finish: ${failed[0].error}`)
  return (performance.now() - started) / 1000
}

/** Enqueue → first progress event at the hub, for runs queued one at a time on idle workers. */
async function overheads(lab: Lab, count: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    let enqueued = 0
    let id = -1
    const first = new Promise<number>((resolve) => {
      const off = lab.subscribe((e) => {
        if (e.runId === id && e.type === 'progress') {
          off()
          resolve(performance.now() - enqueued)
        }
      })
    })
    enqueued = performance.now()
    id = (await lab.createRun({ ...SHORT, epochs: 1, seed: 1000 + i }, `overhead ${i}`)).id
    times.push(await first)
    await lab.waitForRun(id)
  }
  return times
}

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const redis = await startRedis()
  const hubDir = tmp('seqvae-bench-queue-hub-')
  const workerDirs: string[] = []
  const workers: WorkerProcess[] = []
  const epochLag: number[] = []
  const lab = Lab.open({
    dataDir: hubDir,
    queue: {
      address: redis.url,
      cacheDir: path.join(hubDir, 'worker-cache'),
      onRecordApplied: ({ type, sentAt, appliedAt }) => {
        if (type === 'epoch') epochLag.push(appliedAt - sentAt)
      },
    },
  })
  const addWorker = async (name: string) => {
    workerDirs.push(tmp('seqvae-bench-queue-worker-'))
    // One training thread each (the helper's --threads 1); the default stall timeout, so a busy machine never fakes a stall.
    const worker = startWorker(redis.url, workerDirs.at(-1)!, ['--name', name, '--concurrency', '1', '--stall-timeout', '30'])
    workers.push(worker)
    await worker.waitFor(/Waiting for jobs/)
    // Each worker's warm training process loads MNIST on its first run: not part of the figures.
    await batch(lab, workers.length, `warm-up ${name}`)
  }
  try {
    await addWorker('one')
    const one = await batch(lab, RUNS, 'one worker')
    console.log(`one worker:  ${RUNS} runs in ${one.toFixed(1)} s (${(RUNS / one).toFixed(2)} runs/s)   ${loadLine('now')}`)
    await addWorker('two')
    const hubCpu = process.cpuUsage()
    const two = await batch(lab, RUNS, 'two workers')
    const { user, system } = process.cpuUsage(hubCpu)
    console.log(`two workers: ${RUNS} runs in ${two.toFixed(1)} s (${(RUNS / two).toFixed(2)} runs/s)   ${loadLine('now')}`)
    console.log(`  the hub used ${((user + system) / 1e6).toFixed(1)} s of CPU meanwhile (${((user + system) / 1e4 / two).toFixed(0)} % of a core)`)
    console.log(`throughput, two workers / one worker: ${(one / two).toFixed(2)}× (goal ≥ 1.8×)`)

    const overhead = await overheads(lab, OVERHEAD_RUNS)
    console.log(`overhead per job, enqueue → first progress at the hub: ${describeMs(overhead)} (goal p50 ≤ 150 ms)`)
    console.log(`epoch record lag, worker sends → row committed at the hub: ${describeMs(epochLag)} (goal p95 ≤ 100 ms; p95 ${quantile(sorted(epochLag), 0.95).toFixed(1)} ms)`)
  } finally {
    await Promise.all(workers.map((w) => w.stop()))
    await lab.close()
    await redis.dispose()
    for (const dir of [hubDir, ...workerDirs]) rmSync(dir, { recursive: true, force: true })
  }
  console.log(loadLine('at end'))
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

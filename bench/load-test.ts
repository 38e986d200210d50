/**
 * `npm run bench:load`: many runs and many clients. A real `seqvae serve --jobs 4` trains 4 runs in
 * parallel while 20 HTTP clients each stream events and poll listRuns for a minute. Reports events
 * received, sequence gaps (lost events), errors and listRuns latency percentiles.
 *   node bin/run-ts.cjs bench/load-test.ts [--seconds 60] [--clients 20] [--jobs 4]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { RunEvent } from '../src/shared/api'
import { createHttpWorkbench } from '../src/renderer/src/api/http-workbench'
import { startServeProcess } from '../test/e2e/helpers/serve-process'

const { values } = parseArgs({ options: { seconds: { type: 'string' }, clients: { type: 'string' }, jobs: { type: 'string' } } })
const seconds = Number(values.seconds ?? 60)
const clientCount = Number(values.clients ?? 20)
const jobs = Number(values.jobs ?? 4)

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-load-'))
  const server = await startServeProcess(dataDir, ['--jobs', String(jobs)])
  const connect = () => createHttpWorkbench({ baseUrl: server.origin, token: server.token })
  const clients = Array.from({ length: clientCount }, (_, i) => ({ i, api: connect(), seqs: [] as number[], errors: 0, latencies: [] as number[] }))
  for (const c of clients) c.api.subscribe((e: RunEvent) => c.seqs.push(e.seq))
  const admin = connect()
  const runs = []
  for (let j = 0; j < jobs; j++) runs.push(await admin.createRun({ epochs: 1000, trainLimit: 512, valLimit: 128, evalLimit: 64, seed: j }, `load ${j}`))
  const stopAt = Date.now() + seconds * 1000
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < stopAt) {
        const t0 = performance.now()
        try {
          await c.api.listRuns()
          c.latencies.push(performance.now() - t0)
        } catch {
          c.errors++
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    }),
  )
  const running = (await admin.listRuns({ status: ['running'] })).length
  for (const run of runs) await admin.cancelRun(run.id).catch(() => {})
  await new Promise((r) => setTimeout(r, 1000))
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })

  const latencies = clients.flatMap((c) => c.latencies).sort((a, b) => a - b)
  const gaps = clients.reduce((n, c) => n + c.seqs.slice(1).filter((s, k) => s !== c.seqs[k] + 1).length, 0)
  const events = clients.map((c) => c.seqs.length)
  const errors = clients.reduce((n, c) => n + c.errors, 0)
  console.log(`jobs ${jobs} (running at the end: ${running}), clients ${clientCount}, ${seconds} s`)
  console.log(`events per client: min ${Math.min(...events)}, max ${Math.max(...events)}; sequence gaps ${gaps}; errors ${errors}`)
  console.log(
    `listRuns: ${latencies.length} calls, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
  )
  process.exit(gaps === 0 && errors === 0 && Math.min(...events) === Math.max(...events) ? 0 : 1)
}

void main()

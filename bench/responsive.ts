/**
 * `npm run bench:responsive`: does the serving thread keep answering while the Lab works? A Lab
 * and its HTTP server in this process (what `seqvae serve` runs), on a fresh data folder; a client
 * calls listRuns every 20 ms over HTTP and follows the event stream. Three phases, in one
 * invocation: the server idle (the reference), a reference-sized run training, and that run
 * training while an anomaly report for the 10,000 test samples with 64 draws computes. For each:
 * listRuns latency percentiles, how late events arrive after the Lab published them, and the
 * serving thread's event-loop delay. Goals (issue 14), for the last phase: listRuns p99 ≤ 50 ms,
 * no event later than 100 ms. The client runs in the serving process, so its own work (decoding
 * answers, the report's arrays included) counts against the serving thread: a conservative figure.
 *
 *   node bin/run-ts.cjs bench/responsive.ts [--seconds 8] [--draws 64]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { RunId, WorkbenchApi } from '../src/shared/api'
import { Lab } from '../src/main/lab/lab'
import { startServer } from '../src/main/server/workbench-server'
import { createHttpWorkbench } from '../src/renderer/src/api/http-workbench'
import { describeMs, loadLine, quantile } from './lib/timing'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, draws: { type: 'string', default: '64' } } })
const seconds = Number(values.seconds)

/** listRuns latencies (ms) of calls made every `gapMs` until `until` resolves or `ms` pass. */
async function pollListRuns(api: WorkbenchApi, ms: number, until: Promise<unknown> = new Promise(() => {}), gapMs = 20): Promise<number[]> {
  let done = false
  void until.finally(() => (done = true))
  const latencies: number[] = []
  const stopAt = performance.now() + ms
  while (performance.now() < stopAt && !done) {
    const started = performance.now()
    await api.listRuns()
    latencies.push(performance.now() - started)
    await new Promise((r) => setTimeout(r, gapMs))
  }
  return latencies
}

/** One phase's figures: listRuns latency, event lateness (publish → arrival at the client), event-loop delay. */
async function phase(name: string, work: () => Promise<number[]>, lateness: number[]): Promise<number[]> {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  lateness.length = 0
  delay.enable()
  const latencies = await work()
  delay.disable()
  console.log(`${name}`)
  console.log(`  listRuns:          ${describeMs(latencies)}`)
  console.log(`  event lateness:    ${lateness.length ? describeMs(lateness) : 'no events'}`)
  console.log(`  event-loop delay:  p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`)
  return latencies
}

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-bench-responsive-'))
  const lab = Lab.open({ dataDir })
  const server = await startServer({ api: lab, port: 0, rendererDir: mkdtempSync(path.join(dataDir, 'renderer-')) })
  const published = new Map<number, number>()
  lab.subscribe((e) => published.set(e.seq, performance.now()))
  const lateness: number[] = []
  const api = createHttpWorkbench({ baseUrl: new URL(server.url).origin, token: server.token })
  // Unsubscribed before the server closes, so the client does not try to reconnect.
  const offEvents = api.subscribe((e) => {
      const at = published.get(e.seq)
    if (at !== undefined) lateness.push(performance.now() - at)
  })
  try {
    // A finished run to report on: one epoch, every test sample evaluated.
    const scored = await lab.createRun({ epochs: 1 }, 'bench: responsive (scored)')
    const finished = await lab.waitForRun(scored.id)
    if (finished.status !== 'finished') throw new Error(`the run to score ended ${finished.status}: ${finished.error}`)

    const idle = await phase('server idle (reference)', () => pollListRuns(api, seconds * 1000), lateness)
    // The reference experiment's size (54,000 training sequences), long enough to outlast the phases.
    const run = await api.createRun({ epochs: 100 }, 'bench: responsive')
    await firstProgress(api, run.id)
    await phase('a reference run trains', () => pollListRuns(api, seconds * 1000), lateness)
    const draws = Number(values.draws)
    let reportSeconds = NaN
    const both = await phase(
      `it trains and an anomaly report (${finished.config.evalLimit ?? 10_000} samples, ${draws} draws) computes`,
      () => {
        const started = performance.now()
        const report = api.getAnomalyReport(scored.id, { score: 'nll', samples: draws }).then(() => (reportSeconds = (performance.now() - started) / 1000))
        return pollListRuns(api, 600_000, report)
      },
      lateness,
    )
    const bothLateness = [...lateness]
    await api.cancelRun(run.id)
    const p99 = (v: number[]) => quantile([...v].sort((a, b) => a - b), 0.99)
    console.log(`anomaly report took ${reportSeconds.toFixed(1)} s while the run trained`)
    console.log(`listRuns p99 while both / p99 idle: ${(p99(both) / p99(idle)).toFixed(2)}× (goal: p99 ≤ 50 ms → ${p99(both) <= 50 ? 'met' : 'missed'})`)
    console.log(`latest event while both: ${Math.max(...bothLateness).toFixed(1)} ms (goal ≤ 100 ms → ${Math.max(...bothLateness) <= 100 ? 'met' : 'missed'})`)
  } finally {
    offEvents()
    await server.close()
    await lab.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(loadLine('at end'))
}

function firstProgress(api: WorkbenchApi, runId: RunId): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = api.subscribe((e) => {
      if (e.runId === runId && e.type === 'progress') {
        off()
        resolve()
      }
    })
  })
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

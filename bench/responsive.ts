/**
 * `npm run bench:responsive`: does the server keep answering while it works? A real `seqvae serve`
 * on a fresh data folder; a client calls listRuns every 20 ms, first with the server idle (the
 * reference, same invocation), then while a reference-sized run trains. Prints the latency
 * percentiles of both phases and their ratio.
 *
 *   node bin/run-ts.cjs bench/responsive.ts [--seconds 8]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { WorkbenchApi } from '../src/shared/api'
import { createHttpWorkbench } from '../src/renderer/src/api/http-workbench'
import { startServeProcess } from '../test/e2e/helpers/serve-process'
import { describeMs, loadLine, quantile } from './lib/timing'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' } } })
const seconds = Number(values.seconds)

/** listRuns latencies (ms) of calls made every `gapMs` for `ms` milliseconds. */
async function pollListRuns(api: WorkbenchApi, ms: number, gapMs = 20): Promise<number[]> {
  const latencies: number[] = []
  const stopAt = performance.now() + ms
  while (performance.now() < stopAt) {
    const started = performance.now()
    await api.listRuns()
    latencies.push(performance.now() - started)
    await new Promise((r) => setTimeout(r, gapMs))
  }
  return latencies
}

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-bench-responsive-'))
  const server = await startServeProcess(dataDir)
  try {
    const api = createHttpWorkbench({ baseUrl: server.origin, token: server.token })
    const idle = await pollListRuns(api, seconds * 1000)
    // The reference experiment's size (54,000 training sequences), long enough to outlast the window.
    const run = await api.createRun({ epochs: 100 }, 'bench: responsive')
    await new Promise<void>((resolve) => {
      const off = api.subscribe((e) => {
        if (e.runId === run.id && e.type === 'progress') {
          off()
          resolve()
        }
      })
    })
    const training = await pollListRuns(api, seconds * 1000)
    await api.cancelRun(run.id)
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b)
    console.log(`listRuns, server idle (reference):   ${describeMs(idle)}`)
    console.log(`listRuns, while a reference run trains: ${describeMs(training)}`)
    console.log(`p99 while training / p99 idle: ${(quantile(sorted(training), 0.99) / quantile(sorted(idle), 0.99)).toFixed(2)}×`)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(loadLine('at end'))
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

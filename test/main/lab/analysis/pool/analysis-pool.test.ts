import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunId } from '../../../../../src/shared/api'
import { UNWATCHED_JOB } from '../../../../../src/main/lab/analysis/analysis-job'
import { EvaluationSetCache } from '../../../../../src/main/lab/analysis/evaluation-set-cache'
import { AnalysisContext } from '../../../../../src/main/lab/analysis/pool/analysis-context'
import { AnalysisPool } from '../../../../../src/main/lab/analysis/pool/analysis-pool'
import type { AnalysisArgs, AnalysisMethod } from '../../../../../src/main/lab/analysis/pool/analysis-protocol'
import { ANALYSIS_TASKS, type AnalysisTask } from '../../../../../src/main/lab/analysis/pool/analysis-tasks'
import { findDataset } from '../../../../../src/main/lab/data/dataset-registry'
import { WorkbenchStore } from '../../../../../src/main/lab/store/workbench-store'
import { storeFinishedRun } from '../inspected-runs'

let dir: string
let store: WorkbenchStore
let here: AnalysisContext
let pool: AnalysisPool
let small: RunId
let other: RunId
let large: RunId

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-analysis-pool-'))
  const file = path.join(dir, 'workbench.sqlite')
  store = WorkbenchStore.open(file)
  const sets = new EvaluationSetCache((name) => findDataset(name))
  small = await storeFinishedRun(store, sets, { latentDim: 3, evalLimit: 300 })
  other = await storeFinishedRun(store, sets, { latentDim: 5, evalLimit: 200, seed: 5 })
  large = await storeFinishedRun(store, sets, { latentDim: 2, evalLimit: 2000, seed: 7 })
  here = new AnalysisContext(store)
  // One worker: a request waits for the one before it, so what a cancelled request left undone shows.
  pool = new AnalysisPool({ databaseFile: file, size: 1 })
}, 120_000)

afterAll(async () => {
  await pool?.close()
  here?.decoder.dispose()
  store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** One call of every computation (a new AnalysisMethod does not compile until it has one). */
const CALLS: { [M in AnalysisMethod]: () => AnalysisArgs<M> } = {
  getReconstructions: () => [small, { order: 'worst', limit: 8 }],
  getSampleAcrossRuns: () => [[small, other], 4],
  samplePrior: () => [small, { count: 12, seed: 3 }],
  probeRadii: () => [other, { radii: [0.5, 2, 6], directions: 4, seed: 1 }],
  traverse: () => [small, { dims: [0, 2], steps: 5, base: 'mean' }],
  interpolate: () => [small, { fromIndex: 1, toIndex: 7, steps: 6 }],
  getLatentProjection: () => [other],
  getLatentTimeline: () => [small],
  getLatentDiagnostics: () => [small],
  decodePoints: () => [small, Float32Array.from([0.1, -2, 3, 0, 0, 0]), 2],
  decode: () => [other, Float32Array.from([1, 2, 3, 4, 5]), 1],
  getAnomalyReport: () => [small, { score: 'nll', samples: 8 }],
  evaluateLikelihood: () => [small, { k: 4 }],
}

/** The diagnostics and a likelihood estimate say how long they took (and when), which differs from run to run. */
function withoutTimings(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result
  if ('iwae' in result) {
    const { seconds: _seconds, createdAt: _createdAt, ...estimate } = result as unknown as { seconds: number; createdAt: string }
    return estimate
  }
  if (!('diagnostics' in result)) return result
  const { seconds: _seconds, ...diagnostics } = result.diagnostics as { seconds: number }
  return { ...result, diagnostics }
}

describe('the analysis pool', () => {
  it.each(Object.keys(CALLS) as AnalysisMethod[])('answers %s in a worker exactly as the computation answers on this thread', async (method) => {
    const args = CALLS[method]()
    const task = ANALYSIS_TASKS[method] as AnalysisTask<AnalysisMethod>
    const expected = await task(here, args as never, UNWATCHED_JOB)
    // Bit for bit: the worker runs the same code on the same weights and data.
    expect(withoutTimings(await pool.run(method, args))).toEqual(withoutTimings(expected))
  })

  it("keeps a bad request's sentence and kind across the thread", async () => {
    await expect(pool.run('getAnomalyReport', [9999])).rejects.toMatchObject({ name: 'UserError', kind: 'not-found' })
    await expect(pool.run('traverse', [small, { dims: [7] }])).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/^dims must be/) })
  })

  it('reports progress, and a request cancelled while it computes stops at its next chunk and the worker serves the next', async () => {
    const left = new AbortController()
    const cancelled: [number, number][] = []
    const first = pool.run('getAnomalyReport', [large, { samples: 64 }], {
      signal: left.signal,
      onProgress: (done, total) => {
        cancelled.push([done, total])
        if (cancelled.length === 2) left.abort()
      },
    })
    await expect(first).rejects.toMatchObject({ name: 'UserError', kind: 'unavailable' })
    const total = cancelled[0][1]
    expect(total).toBe(2000)
    // It stopped within a chunk of the abort, far from the end.
    expect(Math.max(...cancelled.map(([done]) => done))).toBeLessThan(total / 2)
    expect(cancelled.length).toBeLessThanOrEqual(3)

    const again: number[] = []
    const report = await pool.run('getAnomalyReport', [large, { samples: 64 }], { onProgress: (done) => again.push(done) })
    // Scored from the start (the cancelled scores were not cached) to the end.
    expect(again[0]).toBeLessThanOrEqual(cancelled[0][0])
    expect(again.at(-1)).toBe(total)
    expect(report.count).toBe(2000)
  }, 120_000)

  it('drops a queued request that is cancelled before a worker takes it', async () => {
    const busy = pool.run('getAnomalyReport', [large, { samples: 32 }])
    const left = new AbortController()
    let progressed = false
    const queued = pool.run('samplePrior', [small, { count: 4 }], { signal: left.signal, onProgress: () => (progressed = true) })
    left.abort()
    await expect(queued).rejects.toMatchObject({ kind: 'unavailable' })
    expect((await busy).count).toBe(2000)
    expect(progressed).toBe(false)
  }, 120_000)

  it('fails a request with the reason when its worker cannot start, and tries again for the next request only', async () => {
    const broken = new AnalysisPool({ databaseFile: path.join(dir, 'missing', 'workbench.sqlite'), size: 1 })
    try {
      await expect(broken.run('decode', [small, new Float32Array(3), 1])).rejects.toThrow(/^an analysis worker stopped: .+/)
      await expect(broken.run('samplePrior', [small])).rejects.toThrow(/^an analysis worker stopped: .+/)
    } finally {
      await broken.close()
    }
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunEvent, RunId } from '../../../src/shared/api'
import { encodeWire } from '../../../src/shared/wire-codec'
import { Lab } from '../../../src/main/lab/lab'
import { EvaluationSetCache } from '../../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../../src/main/lab/data/dataset-registry'
import { WorkbenchStore } from '../../../src/main/lab/store/workbench-store'
import { startServer, type RunningServer } from '../../../src/main/server/workbench-server'
import { storeFinishedRun } from '../lab/analysis/inspected-runs'

let dir: string
let lab: Lab
let server: RunningServer
let runId: RunId

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-request-cancel-'))
  const store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  runId = await storeFinishedRun(store, new EvaluationSetCache((name) => findDataset(name)), { latentDim: 2, evalLimit: 2000 })
  store.close()
  // One analysis worker: the second request waits for the first, so a first one left running would finish first.
  lab = Lab.open({ dataDir: dir, analysisThreads: 1 })
  server = await startServer({ api: lab, port: 0, rendererDir: mkdtempSync(path.join(dir, 'renderer-')) })
}, 120_000)

afterAll(async () => {
  await server?.close()
  await lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

function postReport(signal?: AbortSignal): Promise<Response> {
  return fetch(`${new URL(server.url).origin}/api/getAnomalyReport`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: encodeWire([runId, { samples: 64 }]),
    signal,
  })
}

describe('a request whose client goes away', () => {
  it('is cancelled: its anomaly scoring stops part-way, and the next request scores from the start to the end', async () => {
    const progress: number[] = []
    let total = 0
    const left = new AbortController()
    const off = lab.subscribe((e: RunEvent) => {
      if (e.type !== 'analysis-progress' || e.runId !== runId) return
      progress.push(e.done)
      total = e.total
      // The client leaves once the work is under way.
      if (progress.length === 2) left.abort()
    })
    try {
      await expect(postReport(left.signal)).rejects.toThrow()
      const answer = await postReport()
      expect(answer.status).toBe(200)
      // Progress of the first request, then the second's from the beginning: exactly one reached the end.
      const restart = progress.findIndex((done, i) => i > 0 && done < progress[i - 1])
      expect(restart).toBeGreaterThan(0)
      expect(progress.slice(0, restart).every((done) => done < total)).toBe(true)
      expect(progress.filter((done) => done === total)).toHaveLength(1)
      expect(progress.at(-1)).toBe(total)
    } finally {
      off()
    }
  }, 180_000)
})

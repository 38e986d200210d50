import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../src/main/lab/data-dir'
import { Lab } from '../../../src/main/lab/lab'
import { SeededRandom } from '../../../src/main/lab/common/seeded-random'
import type { RunConfigInput } from '../../../src/shared/run-config'
import type { RunId } from '../../../src/shared/api'
import { createHttpWorkbench } from '../../../src/renderer/src/api/http-workbench'
import { startServeProcess } from '../../e2e/helpers/serve-process'
import { useTempDirs } from '../../helpers/temp-dir'

/** Small enough that a run takes a few seconds, long enough to be killed in every phase. */
const RUN: RunConfigInput = { epochs: 4, trainLimit: 96, valLimit: 32, evalLimit: 32, batchSize: 16 }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type KillPoint = { after: 'spawn' } | { after: 'started' } | { after: 'progress'; count: number } | { after: 'epoch'; epoch: number }
const KILL_POINTS: KillPoint[] = [
  { after: 'spawn' },
  { after: 'started' },
  { after: 'progress', count: 3 },
  { after: 'epoch', epoch: 1 },
  { after: 'epoch', epoch: 2 },
  { after: 'epoch', epoch: 3 },
]

/** Resolves when the run's worker has reached the point, or once the run has left the worker (it ended first). */
function reachKillPoint(lab: Lab, runId: RunId, point: KillPoint): Promise<void> {
  return new Promise((resolve) => {
    let progressSeen = 0
    let done = false
    const finish = () => {
      if (done) return
      done = true
      off()
      resolve()
    }
    const off = lab.subscribe((e) => {
      if (e.runId !== runId) return
      if (e.type === 'status' && e.status !== 'running' && e.status !== 'queued') finish()
      else if (point.after === 'started' && e.type === 'started') finish()
      else if (point.after === 'progress' && e.type === 'progress' && ++progressSeen >= point.count) finish()
      else if (point.after === 'epoch' && e.type === 'epoch' && e.metrics.epoch >= point.epoch) finish()
    })
    if (point.after === 'spawn') {
      const poll = async () => {
        while (!done && lab.workerPid(runId) === undefined) await sleep(5)
        finish()
      }
      void poll()
    }
  })
}

/** What must hold after any kill: an intact file, and every finished epoch recorded with its checkpoint. */
function checkInvariants(dataDir: string, runId: RunId): { status: string; epochs: number[] } {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const run = db.prepare('SELECT status, epochs_done FROM runs WHERE id = ?').get(runId) as { status: string; epochs_done: number }
    const epochs = (db.prepare('SELECT epoch FROM epoch_metrics WHERE run_id = ? ORDER BY epoch').all(runId) as { epoch: number }[]).map((r) => r.epoch)
    expect(epochs).toEqual(Array.from({ length: run.epochs_done }, (_, i) => i + 1))
    const checkpoint = db.prepare('SELECT epoch FROM checkpoints WHERE run_id = ?').get(runId) as { epoch: number } | undefined
    expect(checkpoint?.epoch ?? 0).toBe(run.epochs_done)
    return { status: run.status, epochs }
  } finally {
    db.close()
  }
}

describe('fault injection', () => {
  const tempDir = useTempDirs()

  it('survives 20 SIGKILLs of the training process at random points, and resume completes each run', async () => {
    const dataDir = tempDir()
    const lab = Lab.open({ dataDir })
    const rng = new SeededRandom(2026)
    let runId = (await lab.createRun(RUN)).id
    let kills = 0
    const epochsAtKill = new Set<number>()
    while (kills < 20) {
      // Kill points are chosen by what the run has done, not by a clock, so a busy machine moves
      // them in time but not in phase: loading data, right after the engine started, after the
      // n-th progress report, or right after an epoch's checkpoint was recorded.
      await reachKillPoint(lab, runId, KILL_POINTS[rng.int(KILL_POINTS.length)])
      const pid = lab.workerPid(runId)
      if (pid !== undefined) {
        process.kill(pid, 'SIGKILL')
        kills++
      }
      const detail = await lab.waitForRun(runId)
      const { status, epochs } = checkInvariants(dataDir, runId)
      expect(status).toBe(detail.status)
      epochsAtKill.add(epochs.length)
      if (detail.status === 'finished') {
        runId = (await lab.createRun(RUN)).id
      } else {
        expect(detail.status).toBe('crashed')
        expect(detail.error).toContain('SIGKILL')
        await lab.resumeRun(runId)
      }
    }
    // The last killed run, resumed, completes with all its epochs.
    const last = await lab.waitForRun(runId)
    expect(last.status).toBe('finished')
    expect(checkInvariants(dataDir, runId).epochs).toEqual([1, 2, 3, 4])
    expect((await lab.getLatents(runId)).count).toBe(32)
    // The kills landed in different phases: before the first epoch and after later ones.
    expect(epochsAtKill.size).toBeGreaterThan(1)
    await lab.close()
  }, 600_000)

  it('survives 5 SIGKILLs of the whole server process, and the restarted Lab resumes the run', async () => {
    const dataDir = tempDir()
    const rng = new SeededRandom(7)
    for (let trial = 0; trial < 5; trial++) {
      const server = await startServeProcess(dataDir)
      const api = createHttpWorkbench({ baseUrl: server.origin, token: server.token })
      const run = await api.createRun(RUN, `server kill ${trial}`)
      await sleep(500 + rng.int(4000))
      await server.kill('SIGKILL')
      // The orphaned worker notices its parent is gone and exits; give it a moment.
      await sleep(300)

      const lab = Lab.open({ dataDir })
      const before = checkInvariants(dataDir, run.id)
      expect(['crashed', 'finished']).toContain(before.status)
      if (before.status === 'crashed') {
        expect((await lab.getRun(run.id)).error).toContain('stopped without finishing')
        await lab.resumeRun(run.id)
      }
      const after = await lab.waitForRun(run.id)
      expect(after.status).toBe('finished')
      expect(checkInvariants(dataDir, run.id).epochs).toEqual([1, 2, 3, 4])
      await lab.close()
    }
  }, 600_000)
})

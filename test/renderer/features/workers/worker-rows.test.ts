import { describe, expect, it } from 'vitest'
import { heartbeatAge, workerCommand, workerState } from '../../../../src/renderer/src/features/workers/worker-rows'
import type { WorkerSummary } from '../../../../src/shared/queue-status'

const worker = (over: Partial<WorkerSummary>): WorkerSummary => ({
  id: 'a',
  name: 'gpu-box',
  host: 'gpu-box.lab',
  engine: 'fused',
  concurrency: 2,
  jobsDone: 3,
  runs: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  lastHeartbeatAt: '2026-01-01T00:00:00.000Z',
  alive: true,
  ...over,
})

describe('a worker row on the Workers page', () => {
  it('says whether the worker trains, idles or vanished', () => {
    expect(workerState(worker({ runs: [4] }))).toBe('training')
    expect(workerState(worker({}))).toBe('idle')
    // A lapsed heartbeat wins over the runs it last reported.
    expect(workerState(worker({ alive: false, runs: [4] }))).toBe('vanished')
  })

  it('says how long ago the queue heard from it', () => {
    const at = Date.parse('2026-01-01T00:00:00.000Z')
    expect(heartbeatAge('2026-01-01T00:00:00.000Z', at + 900)).toBe('just now')
    expect(heartbeatAge('2026-01-01T00:00:00.000Z', at + 12_000)).toBe('12 s ago')
    expect(heartbeatAge('2026-01-01T00:00:00.000Z', at + 5 * 60_000)).toBe('5 min ago')
    expect(heartbeatAge('2026-01-01T00:00:00.000Z', at + 3 * 3600_000)).toBe('3 h ago')
    // A clock slightly behind the queue's never reads as the future.
    expect(heartbeatAge('2026-01-01T00:00:05.000Z', at)).toBe('just now')
  })

  it('offers the command that starts another worker on the same queue', () => {
    expect(workerCommand('redis://10.0.0.5:6379/0')).toBe('seqvae worker --queue redis://10.0.0.5:6379/0 --name $(hostname)')
  })
})

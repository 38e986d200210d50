import { randomBytes } from 'node:crypto'
import type { RunId, RunStatus } from '../../../shared/api'
import type { Db } from './database'

export type QueueState = 'pending' | 'sent' | 'closed'

/** A run the hub sent (or will send) to the training queue: see migrations/0005-queue.ts. */
export interface QueuedRunRow {
  runId: RunId
  jobId: string
  state: QueueState
  /** The attempt whose records are accepted; records of older attempts are stale and skipped. */
  generation: number
  /** The last record of that attempt already applied (−1: none yet). */
  appliedSeq: number
  /** The run's own status and epochs recorded, read with the row. */
  runStatus: RunStatus
  epochsDone: number
}

interface Row {
  run_id: number
  job_id: string
  state: QueueState
  generation: number
  applied_seq: number
  status: RunStatus
  epochs_done: number
}

const SELECT = 'SELECT q.*, r.status, r.epochs_done FROM queue_runs q JOIN runs r ON r.id = q.run_id'

const toRow = (r: Row): QueuedRunRow => ({
  runId: r.run_id,
  jobId: r.job_id,
  state: r.state,
  generation: r.generation,
  appliedSeq: r.applied_seq,
  runStatus: r.status,
  epochsDone: r.epochs_done,
})

/** The `queue_runs` table: which runs the queue owns, their job, and the delivery fence. */
export class QueueRepository {
  constructor(private readonly db: Db) {}

  /**
   * Gives the run a new job (its first, or the next on a resume), to be added to the queue. Job ids
   * are unique beyond this database (`run-7-2-9f2c41d0`), so a fresh data folder on a Redis that
   * held another one's jobs never mistakes an old job for its own.
   */
  openJob(runId: RunId): QueuedRunRow {
    const dispatches = (this.db.prepare<[number], { dispatches: number }>('SELECT dispatches FROM queue_runs WHERE run_id = ?').get(runId)?.dispatches ?? 0) + 1
    this.db
      .prepare(
        `INSERT INTO queue_runs (run_id, job_id, state, dispatches) VALUES (@runId, @jobId, 'pending', @dispatches)
         ON CONFLICT (run_id) DO UPDATE SET dispatches = @dispatches, job_id = @jobId, state = 'pending', generation = 0, applied_seq = -1`,
      )
      .run({ runId, jobId: `run-${runId}-${dispatches}-${randomBytes(4).toString('hex')}`, dispatches })
    return this.get(runId)!
  }

  get(runId: RunId): QueuedRunRow | null {
    const row = this.db.prepare<[number], Row>(`${SELECT} WHERE q.run_id = ?`).get(runId)
    return row ? toRow(row) : null
  }

  /** Runs the queue still holds something of (a job, records): what a hub adopts when it starts. */
  open(): QueuedRunRow[] {
    return this.db.prepare<[], Row>(`${SELECT} WHERE q.state != 'closed' ORDER BY q.run_id`).all().map(toRow)
  }

  /** Whether the queue owns the run now: a process without the queue must leave it alone. */
  owns(runId: RunId): boolean {
    return this.db.prepare(`SELECT 1 FROM queue_runs WHERE run_id = ? AND state != 'closed'`).get(runId) !== undefined
  }

  /** Only attempts numbered after `generation` may write to the run from now on. */
  fence(runId: RunId, generation: number): void {
    this.db.prepare('UPDATE queue_runs SET generation = ?, applied_seq = -1 WHERE run_id = ?').run(generation, runId)
  }

  /** The job is on the queue: its records are read from now on. */
  markSent(runId: RunId): void {
    this.db.prepare(`UPDATE queue_runs SET state = 'sent' WHERE run_id = ?`).run(runId)
  }

  /** Records that the record (generation, seq) was applied; call in the transaction that applied it. */
  markApplied(runId: RunId, generation: number, seq: number): void {
    this.db.prepare('UPDATE queue_runs SET generation = ?, applied_seq = ? WHERE run_id = ?').run(generation, seq, runId)
  }

  close(runId: RunId): void {
    this.db.prepare(`UPDATE queue_runs SET state = 'closed' WHERE run_id = ?`).run(runId)
  }
}

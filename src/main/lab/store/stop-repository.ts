import type { RunId, RunStop } from '../../../shared/api'
import type { Db } from './database'

interface StopRow {
  epoch: number
  reason: RunStop['reason']
  best_epoch: number | null
  best_val_loss: number | null
  weights_epoch: number
}

/** How each run's training ended: one row, written when training ends (a resume's truncation drops it: MetricRepository). */
export class StopRepository {
  constructor(private readonly db: Db) {}

  save(runId: RunId, stop: RunStop): void {
    this.db
      .prepare('INSERT OR REPLACE INTO run_stops (run_id, epoch, reason, best_epoch, best_val_loss, weights_epoch) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, stop.epoch, stop.reason, stop.bestEpoch, stop.bestValLoss, stop.weightsEpoch)
  }

  get(runId: RunId): RunStop | null {
    const row = this.db.prepare<[number], StopRow>('SELECT epoch, reason, best_epoch, best_val_loss, weights_epoch FROM run_stops WHERE run_id = ?').get(runId)
    if (!row) return null
    return { epoch: row.epoch, reason: row.reason, bestEpoch: row.best_epoch, bestValLoss: row.best_val_loss, weightsEpoch: row.weights_epoch }
  }
}

import type { BatchMetric, EpochLatentStatsPoint, EpochMetrics, RunId } from '../../../shared/api'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { Db } from './database'
import { metricFromRow, type MetricRow } from './run-repository'
import { REFRESH_RUN_SUMMARY } from './run-summary-sql'

/** Per-epoch metrics and the sampled per-batch loss curve. */
export class MetricRepository {
  private readonly insertEpochStmt
  private readonly insertBatchStmt
  private readonly refreshSummaryStmt

  constructor(private readonly db: Db) {
    this.insertEpochStmt = db.prepare(
      `INSERT OR REPLACE INTO epoch_metrics (run_id, epoch, loss, recon, kl, val_loss, val_recon, val_kl, seconds, kl_weight)
       VALUES (@runId, @epoch, @loss, @recon, @kl, @valLoss, @valRecon, @valKl, @seconds, @klWeight)`,
    )
    this.insertBatchStmt = db.prepare('INSERT OR REPLACE INTO batch_metrics (run_id, step, epoch, loss) VALUES (?, ?, ?, ?)')
    this.refreshSummaryStmt = db.prepare<[number]>(`${REFRESH_RUN_SUMMARY}`)
  }

  /** Call inside the caller's transaction so the epoch lands together with its checkpoint. */
  insertEpoch(runId: RunId, m: EpochMetrics): void {
    this.insertEpochStmt.run({ runId, ...m })
    this.db.prepare('UPDATE runs SET epochs_done = MAX(epochs_done, ?) WHERE id = ?').run(m.epoch, runId)
    this.refreshSummaryStmt.run(runId)
  }

  insertLatentStats(runId: RunId, epoch: number, stats: EpochLatentStats): void {
    this.db.prepare('INSERT OR REPLACE INTO epoch_latent_stats (run_id, epoch, stats_json) VALUES (?, ?, ?)').run(runId, epoch, JSON.stringify(stats))
  }

  latentStats(runId: RunId): EpochLatentStatsPoint[] {
    return this.db
      .prepare<[number], { epoch: number; stats_json: string }>('SELECT epoch, stats_json FROM epoch_latent_stats WHERE run_id = ? ORDER BY epoch')
      .all(runId)
      .map((r) => ({ epoch: r.epoch, stats: JSON.parse(r.stats_json) as EpochLatentStats }))
  }

  insertBatches(runId: RunId, batches: readonly BatchMetric[]): void {
    this.db.transaction(() => {
      for (const b of batches) this.insertBatchStmt.run(runId, b.step, b.epoch, b.loss)
    })()
  }

  epochs(runId: RunId): EpochMetrics[] {
    return this.db
      .prepare<[number], MetricRow>('SELECT * FROM epoch_metrics WHERE run_id = ? ORDER BY epoch')
      .all(runId)
      .map(metricFromRow)
  }

  batches(runId: RunId): BatchMetric[] {
    return this.db.prepare<[number], BatchMetric>('SELECT step, epoch, loss FROM batch_metrics WHERE run_id = ? ORDER BY step').all(runId)
  }

  /** Drops what a resumed run will redo: epochs after its checkpoint, their batches, latent statistics and snapshots, and how training ended. */
  truncateAfter(runId: RunId, epoch: number): void {
    this.db.prepare('DELETE FROM epoch_metrics WHERE run_id = ? AND epoch > ?').run(runId, epoch)
    this.db.prepare('DELETE FROM batch_metrics WHERE run_id = ? AND epoch > ?').run(runId, epoch)
    this.db.prepare('DELETE FROM epoch_latent_stats WHERE run_id = ? AND epoch > ?').run(runId, epoch)
    this.db.prepare('DELETE FROM run_stops WHERE run_id = ?').run(runId)
    this.db.prepare('DELETE FROM epoch_latent_snapshots WHERE run_id = ? AND epoch > ?').run(runId, epoch)
    this.db.prepare('UPDATE runs SET epochs_done = ? WHERE id = ?').run(epoch, runId)
    this.refreshSummaryStmt.run(runId)
  }
}

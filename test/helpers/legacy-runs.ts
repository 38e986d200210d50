import type Database from 'better-sqlite3'
import type { EpochMetrics, RunStatus } from '../../src/shared/api'
import type { RunConfig } from '../../src/shared/run-config'

/**
 * Writes runs as versions before migration 0006 did (no summary columns), for tests that upgrade a
 * database of an older schema: today's repositories write columns those schemas lack.
 */
export function insertLegacyRun(db: Database.Database, config: RunConfig, name: string, status: RunStatus = 'queued'): number {
  const info = db
    .prepare(`INSERT INTO runs (name, status, dataset, config_json, config_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(name, status, config.dataset, JSON.stringify(config), 'legacy', new Date().toISOString())
  return Number(info.lastInsertRowid)
}

export function insertLegacyEpoch(db: Database.Database, runId: number, m: EpochMetrics): void {
  db.prepare(
    `INSERT INTO epoch_metrics (run_id, epoch, loss, recon, kl, val_loss, val_recon, val_kl, seconds, kl_weight)
     VALUES (@runId, @epoch, @loss, @recon, @kl, @valLoss, @valRecon, @valKl, @seconds, @klWeight)`,
  ).run({ runId, ...m })
  db.prepare('UPDATE runs SET epochs_done = MAX(epochs_done, ?) WHERE id = ?').run(m.epoch, runId)
}

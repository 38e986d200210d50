import type Database from 'better-sqlite3'
import type { RunStatus } from '../../src/shared/api'
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/run-config'
import { MIGRATIONS } from '../../src/main/lab/store/migrations'
import { CONFIG_KEY_FUNCTION, refreshSummariesSql } from '../../src/main/lab/store/run-summary-sql'

const SUMMARIES_VERSION = MIGRATIONS.findIndex((m) => m.name === '0006-run-summaries') + 1

/**
 * Fills a database with many runs fast, straight into SQLite in one transaction (the store's
 * per-run writes would take minutes for 100,000): varied configs (every config five times, seeds
 * 1–5: replicates), statuses, tags and `epochs` real metric rows per trained run, then the summary
 * columns in one pass — the same statements migration 0006 fills an old database with. On a schema
 * before 0006 only the rows are written (so the migration itself can be measured). Deterministic.
 */
export interface SeedOptions {
  runs: number
  epochs?: number
  /** The first run's id minus one, to add to a seeded database. */
  startAt?: number
}

const CELLS = ['gru', 'lstm'] as const
const KL_WEIGHTS = [0.001, 0.01, 0.1]

/** Run i's config: a grid over latentDim × cell × klWeight × hiddenUnits, five seeds each. */
export function seededConfig(i: number): RunConfig {
  const config = Math.floor(i / 5)
  return {
    ...DEFAULT_RUN_CONFIG,
    seed: (i % 5) + 1,
    latentDim: (config % 16) + 1,
    cell: CELLS[Math.floor(config / 16) % 2],
    klWeight: KL_WEIGHTS[Math.floor(config / 32) % 3],
    hiddenUnits: 8 + (Math.floor(config / 96) % 100),
    epochs: 35,
  }
}

/** Most runs finished; every 50th cancelled before it started (no metrics), every 40th failed after a few epochs. */
function statusOf(i: number): RunStatus {
  if (i % 50 === 49) return 'cancelled'
  if (i % 40 === 39) return 'failed'
  return 'finished'
}

export function seedRuns(db: Database.Database, options: SeedOptions): void {
  const epochs = options.epochs ?? 35
  const start = options.startAt ?? 0
  const insertRun = db.prepare(
    `INSERT INTO runs (id, name, status, dataset, config_json, config_hash, engine, backend, params, notes, tags_json, epochs_done, created_at, started_at, finished_at)
     VALUES (@id, @name, @status, 'mnist', @config, @hash, 'fused', 'native', @params, @notes, @tags, @epochsDone, @created, @created, @finished)`,
  )
  const insertEpoch = db.prepare(
    `INSERT INTO epoch_metrics (run_id, epoch, loss, recon, kl, val_loss, val_recon, val_kl, seconds, kl_weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const base = Date.UTC(2026, 0, 1)
  db.transaction(() => {
    for (let n = 0; n < options.runs; n++) {
      const i = start + n
      const config = seededConfig(i)
      const status = statusOf(i)
      const done = status === 'cancelled' ? 0 : status === 'failed' ? 3 : epochs
      const created = new Date(base + i * 60_000).toISOString()
      insertRun.run({
        id: i + 1,
        name: `run ${i + 1} ${config.cell} z${config.latentDim}`,
        status,
        config: JSON.stringify(config),
        hash: `seed${i % 5}`,
        params: 1000 + config.hiddenUnits * 100,
        notes: i % 97 === 0 ? 'a note' : '',
        tags: JSON.stringify(i % 10 === 0 ? ['sweep', `batch-${Math.floor(i / 1000)}`] : []),
        epochsDone: done,
        created,
        finished: created,
      })
      // A loss curve that falls and flattens, shifted per config and per seed, so sorts have ties only by chance.
      const level = 0.1 + 0.2 / config.latentDim + ((i * 7919) % 1000) / 20_000
      for (let epoch = 1; epoch <= done; epoch++) {
        const val = level + 0.3 / epoch + (epoch > 25 ? (epoch - 25) * 0.0005 : 0)
        insertEpoch.run(i + 1, epoch, val - 0.01, val * 0.9, 2 + 1 / epoch, val, val * 0.9, 2.1 + 1 / epoch, 1.5, config.klWeight)
      }
    }
    const version = db.pragma('user_version', { simple: true }) as number
    if (version >= SUMMARIES_VERSION) {
      db.prepare(`UPDATE runs SET config_key = ${CONFIG_KEY_FUNCTION}(config_json) WHERE id > ?`).run(start)
      db.prepare(refreshSummariesSql('id > ?')).run(start)
    }
  })()
}

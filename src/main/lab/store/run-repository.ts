import { createHash } from 'node:crypto'
import type { EpochMetrics, RunEnvironment, RunId, RunPatch, RunStatus, RunSummary } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { RunConfig } from '../../../shared/run-config'
import type { Db } from './database'
import { configKey } from './run-summary-sql'
import { readStoredConfig } from './stored-config'

/** A row of `runs`, summary columns included (migration 0006). */
export interface RunRow {
  id: number
  name: string
  status: RunStatus
  dataset: string
  config_json: string
  config_hash: string
  engine: string | null
  backend: string | null
  params: number | null
  env_json: string | null
  notes: string
  tags_json: string
  error: string | null
  epochs_done: number
  created_at: string
  started_at: string | null
  finished_at: string | null
  heartbeat_at: string | null
  owner_pid: number | null
  last_epoch: number | null
  last_loss: number | null
  last_recon: number | null
  last_kl: number | null
  last_val_loss: number | null
  last_val_recon: number | null
  last_val_kl: number | null
  last_seconds: number | null
  last_kl_weight: number | null
  best_val_loss: number | null
  best_epoch: number | null
  config_key: string
  log_likelihood: number | null
  log_likelihood_k: number | null
}

interface MetricRow {
  epoch: number
  loss: number
  recon: number
  kl: number
  val_loss: number
  val_recon: number
  val_kl: number
  seconds: number
  kl_weight: number
}

export interface StoredRun extends RunSummary {
  config: RunConfig
  /** Why this version cannot use the stored config (see stored-config.ts), or null. */
  configProblem: string | null
  env: RunEnvironment | null
  heartbeatAt: string | null
}

/** Stable hash of a config: keys sorted, so the same settings always hash the same. */
/** What the contract shows of a stored run: without its config problem, environment and heartbeat. */
export function toSummary(run: StoredRun): RunSummary {
  const { configProblem: _problem, env: _env, heartbeatAt: _heartbeat, ...rest } = run
  return rest
}

export function hashConfig(config: RunConfig): string {
  const sorted = Object.fromEntries(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)))
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16)
}

const now = () => new Date().toISOString()

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The `runs` table: creation, status transitions, user edits and listing with summaries. */
export class RunRepository {
  private readonly insert
  private readonly byId

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO runs (name, status, dataset, config_json, config_hash, config_key, created_at) VALUES (?, 'queued', ?, ?, ?, ?, ?)`,
    )
    this.byId = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?')
  }

  create(config: RunConfig, name: string | undefined): StoredRun {
    const json = JSON.stringify(config)
    const id = Number(this.insert.run('', config.dataset, json, hashConfig(config), configKey(json), now()).lastInsertRowid)
    const finalName = name?.trim() || `run ${id}`
    this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(finalName, id)
    return this.get(id)
  }

  get(id: RunId): StoredRun {
    const row = this.byId.get(id)
    if (!row) throw new UserError(`run ${id} does not exist`, 'not-found')
    return rowToRun(row)
  }

  exists(id: RunId): boolean {
    return this.byId.get(id) !== undefined
  }

  /** Runs trained (or to be trained) on a dataset, whatever their status. */
  idsUsingDataset(dataset: string): RunId[] {
    return this.db
      .prepare<[string], { id: number }>('SELECT id FROM runs WHERE dataset = ? ORDER BY id')
      .all(dataset)
      .map((r) => r.id)
  }

  idsWithStatus(status: RunStatus): RunId[] {
    return this.db
      .prepare<[string], { id: number }>('SELECT id FROM runs WHERE status = ? ORDER BY id')
      .all(status)
      .map((r) => r.id)
  }

  markStarted(id: RunId, details: { engine: string; backend: string; params: number; env: RunEnvironment }): void {
    const t = now()
    this.db
      .prepare(
        `UPDATE runs SET status = 'running', engine = ?, backend = ?, params = ?, env_json = ?, error = NULL,
         started_at = COALESCE(started_at, ?), finished_at = NULL, heartbeat_at = ? WHERE id = ?`,
      )
      .run(details.engine, details.backend, details.params, JSON.stringify(details.env), t, t, id)
  }

  /** Sets a final or queued status; a final one records when and, for failures, why. */
  setStatus(id: RunId, status: RunStatus, error: string | null = null): void {
    const finished = status === 'queued' || status === 'running' ? null : now()
    this.db.prepare('UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error, finished, id)
  }

  /** Marks a run as running in this process; a restart that finds this process gone knows it crashed. */
  claim(id: RunId): void {
    this.db.prepare(`UPDATE runs SET status = 'running', error = NULL, finished_at = NULL, owner_pid = ?, heartbeat_at = ? WHERE id = ?`).run(process.pid, now(), id)
  }

  heartbeat(id: RunId): void {
    this.db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'`).run(now(), id)
  }

  /**
   * `running` rows whose owner died: its process no longer exists, or (owner on another machine,
   * or a pid reused) its heartbeat is older than `staleMs`.
   */
  orphanedRunning(staleMs: number): { id: RunId; heartbeatAt: string | null }[] {
    const cutoff = new Date(Date.now() - staleMs).toISOString()
    return this.db
      .prepare<[], { id: number; heartbeat_at: string | null; owner_pid: number | null }>(
        `SELECT id, heartbeat_at, owner_pid FROM runs WHERE status = 'running'`,
      )
      .all()
      .filter((r) => r.owner_pid === null || !processAlive(r.owner_pid) || r.heartbeat_at === null || r.heartbeat_at < cutoff)
      .map((r) => ({ id: r.id, heartbeatAt: r.heartbeat_at }))
  }

  update(id: RunId, patch: RunPatch): StoredRun {
    this.get(id)
    if (patch.name !== undefined) this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(patch.name, id)
    if (patch.notes !== undefined) this.db.prepare('UPDATE runs SET notes = ? WHERE id = ?').run(patch.notes, id)
    if (patch.tags !== undefined) this.db.prepare('UPDATE runs SET tags_json = ? WHERE id = ?').run(JSON.stringify(patch.tags), id)
    return this.get(id)
  }

  delete(id: RunId): void {
    this.db.prepare('DELETE FROM runs WHERE id = ?').run(id)
  }

}

/** A stored run from its row: summary columns, no further query. */
export function rowToRun(row: RunRow): StoredRun {
    const { config, problem } = readStoredConfig(row.config_json)
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      dataset: row.dataset,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      epochsDone: row.epochs_done,
      epochs: config.epochs,
      engine: row.engine,
      backend: row.backend,
      params: row.params,
      configHash: row.config_hash,
      tags: JSON.parse(row.tags_json) as string[],
      notes: row.notes,
      error: row.error,
      last: lastMetricOf(row),
      best: row.best_val_loss === null || row.best_epoch === null ? null : { valLoss: row.best_val_loss, epoch: row.best_epoch },
      config,
      configKey: row.config_key,
      logLikelihood: row.log_likelihood === null || row.log_likelihood_k === null ? null : { iwae: row.log_likelihood, k: row.log_likelihood_k },
      configProblem: problem,
      env: row.env_json ? (JSON.parse(row.env_json) as RunEnvironment) : null,
      heartbeatAt: row.heartbeat_at,
    }
}

function lastMetricOf(row: RunRow): EpochMetrics | null {
  if (row.last_epoch === null) return null
  return {
    epoch: row.last_epoch,
    loss: row.last_loss ?? NaN,
    recon: row.last_recon ?? NaN,
    kl: row.last_kl ?? NaN,
    valLoss: row.last_val_loss ?? NaN,
    valRecon: row.last_val_recon ?? NaN,
    valKl: row.last_val_kl ?? NaN,
    seconds: row.last_seconds ?? NaN,
    klWeight: row.last_kl_weight ?? NaN,
  }
}

export function metricFromRow(r: MetricRow): EpochMetrics {
  return {
    epoch: r.epoch,
    loss: r.loss,
    recon: r.recon,
    kl: r.kl,
    valLoss: r.val_loss,
    valRecon: r.val_recon,
    valKl: r.val_kl,
    seconds: r.seconds,
    klWeight: r.kl_weight,
  }
}
export type { MetricRow }

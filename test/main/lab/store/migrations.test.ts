import Database from 'better-sqlite3'
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../../src/main/lab/store/database'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src/main/lab/store/migrations'
import { encodeWeights } from '../../../../src/main/lab/model/weight-codec'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { insertLegacyEpoch, insertLegacyRun } from '../../../helpers/legacy-runs'
import { seedRuns } from '../../../helpers/seed-runs'
import { useTempDirs } from '../../../helpers/temp-dir'

const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((r) => r.name)

/** Codes of one test sample, as a run stores them when it finishes. */
const storedCodes = (runId: number) => ({
  runId,
  count: 1,
  dim: 3,
  indices: Int32Array.of(0),
  labels: Int32Array.of(7),
  zMean: new Float32Array(3),
  zLogVar: new Float32Array(3),
  reconBce: Float32Array.of(0.1),
  reconMse: Float32Array.of(0.01),
})

/** A stored test log-likelihood estimate of a run with K importance samples. */
const likelihoodEstimate = (runId: number, k: number, iwae: number) => ({
  runId,
  k,
  replicates: 2,
  seed: 1,
  samples: 1,
  valuesPerSequence: 784,
  likelihood: 'bernoulli' as const,
  iwae: { mean: iwae, standardError: 0.25 },
  elbo: { mean: iwae - 10, standardError: 0.5 },
  spread: 0,
  seconds: 2,
  createdAt: '2026-12-03T18:00:00.000Z',
})

describe('migrations', () => {
  const tempDir = useTempDirs()

  /** A database file brought only to the version before `migration`, for a test that upgrades it. */
  const databaseBefore = (migration: string) => {
    const file = path.join(tempDir(), `before-${migration}.sqlite`)
    return { file, db: openDatabase(file, { targetVersion: MIGRATIONS.findIndex((m) => m.name === migration) }) }
  }

  it('bring an empty database to the latest schema with WAL and foreign keys', () => {
    const db = openDatabase(path.join(tempDir(), 'a.sqlite'))
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(tables(db)).toEqual(['batch_metrics', 'checkpoints', 'dataset_chunks', 'dataset_recordings', 'datasets', 'epoch_latent_snapshots', 'epoch_latent_stats', 'epoch_metrics', 'final_weights', 'latent_snapshot_subsets', 'latents', 'likelihood_evaluations', 'queue_runs', 'run_stops', 'runs'])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('upgrade a version-1 database and keep its runs and metrics', () => {
    const file = path.join(tempDir(), 'v1.sqlite')
    const v1 = openDatabase(file, { targetVersion: 1 })
    expect(v1.pragma('user_version', { simple: true })).toBe(1)
    expect(tables(v1)).not.toContain('checkpoints')
    const run = { id: insertLegacyRun(v1, DEFAULT_RUN_CONFIG, 'old run') }
    insertLegacyEpoch(v1, run.id, { epoch: 1, loss: 0.3, recon: 0.29, kl: 1, valLoss: 0.28, valRecon: 0.27, valKl: 1.1, seconds: 9, klWeight: 0.01 })
    v1.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(upgraded.runs.get(run.id).name).toBe('old run')
    expect(upgraded.metrics.epochs(run.id).map((m) => m.valLoss)).toEqual([0.28])
    expect(upgraded.runs.get(run.id).best).toEqual({ valLoss: 0.28, epoch: 1 })
    upgraded.close()
  })

  it('add how runs ended, and best weights beside checkpoints, to a populated database of the version before', () => {
    const { file, db } = databaseBefore('0007-run-stops')
    const old = new WorkbenchStore(db)
    expect(tables(old.db)).not.toContain('run_stops')
    const { earlyStoppingPatience: _p, restoreBestWeights: _r, valSplit: _v, ...olderConfig } = DEFAULT_RUN_CONFIG
    const run = old.runs.create(DEFAULT_RUN_CONFIG, 'trained before early stopping')
    old.db.prepare('UPDATE runs SET config_json = ? WHERE id = ?').run(JSON.stringify(olderConfig), run.id)
    const weights = [{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }]
    old.db
      .prepare('INSERT INTO checkpoints (run_id, epoch, weights, optimizer, train_state, created_at) VALUES (?, 1, ?, ?, ?, ?)')
      .run(run.id, encodeWeights(weights), encodeWeights([{ name: '__step', shape: [1], values: Float32Array.of(3) }]), JSON.stringify({ epoch: 1, step: 3, rng: [1, 2, 3, 4] }), 'now')
    old.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    // The old run loads with the new fields' defaults (no early stopping, a random split) and no stop record.
    expect(upgraded.runs.get(run.id).config).toEqual(DEFAULT_RUN_CONFIG)
    expect(upgraded.stops.get(run.id)).toBeNull()
    const checkpoint = upgraded.artifacts.checkpoint(run.id)!
    expect([checkpoint.epoch, checkpoint.best, checkpoint.state.earlyStopping]).toEqual([1, undefined, undefined])
    upgraded.stops.save(run.id, { epoch: 9, reason: 'early-stopping', bestEpoch: 6, bestValLoss: 0.25, weightsEpoch: 6 })
    expect(upgraded.stops.get(run.id)).toEqual({ epoch: 9, reason: 'early-stopping', bestEpoch: 6, bestValLoss: 0.25, weightsEpoch: 6 })
    upgraded.artifacts.saveCheckpoint(run.id, { ...checkpoint, best: { epoch: 1, weights } })
    expect(upgraded.artifacts.checkpoint(run.id)!.best).toEqual({ epoch: 1, weights })
    // Epochs redone by a resume make the old ending void.
    upgraded.metrics.truncateAfter(run.id, 1)
    expect(upgraded.stops.get(run.id)).toBeNull()
    upgraded.close()
  })

  it('add the queue table to a populated database of the version before, leaving its runs to the local runner', () => {
    const { file, db: old } = databaseBefore('0005-queue')
    expect(tables(old)).not.toContain('queue_runs')
    const run = { id: insertLegacyRun(old, DEFAULT_RUN_CONFIG, 'trained before queues', 'finished') }
    insertLegacyEpoch(old, run.id, { epoch: 1, loss: 0.3, recon: 0.29, kl: 1, valLoss: 0.28, valRecon: 0.27, valKl: 1.1, seconds: 9, klWeight: 0.01 })
    old.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(upgraded.runs.get(run.id)).toMatchObject({ name: 'trained before queues', status: 'finished', epochsDone: 1 })
    expect(upgraded.queue.owns(run.id)).toBe(false)
    expect(upgraded.queue.open()).toEqual([])
    // Resumed on a queue, it gets a job; the next resume a new one.
    expect(upgraded.queue.openJob(run.id)).toMatchObject({ jobId: expect.stringMatching(`^run-${run.id}-1-[0-9a-f]{8}$`), state: 'pending', runStatus: 'finished', epochsDone: 1 })
    expect(upgraded.queue.openJob(run.id).jobId).toMatch(new RegExp(`^run-${run.id}-2-`))
    upgraded.runs.delete(run.id)
    expect(upgraded.queue.get(run.id)).toBeNull()
    expect(upgraded.db.pragma('foreign_key_check')).toEqual([])
    upgraded.close()
  })

  it('add the latent snapshot tables to a populated database of the version before: its runs have none, new epochs record them', () => {
    const { file, db } = databaseBefore('0009-latent-snapshots')
    const old = new WorkbenchStore(db)
    expect(tables(old.db)).not.toContain('epoch_latent_snapshots')
    const run = old.runs.create(DEFAULT_RUN_CONFIG, 'trained before snapshots')
    old.recordEpoch(run.id, { epoch: 1, loss: 0.3, recon: 0.29, kl: 1, valLoss: 0.28, valRecon: 0.27, valKl: 1.1, seconds: 9, klWeight: 0.01 }, null)
    old.runs.setStatus(run.id, 'finished')
    old.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(upgraded.runs.get(run.id)).toMatchObject({ name: 'trained before snapshots', status: 'finished', epochsDone: 1 })
    expect(upgraded.snapshots.get(run.id)).toBeNull()
    const snapshot = { count: 2, dim: 1, positions: Int32Array.of(0, 3), labels: Int32Array.of(7, -1), zMean: Float32Array.of(0.5, -0.25) }
    upgraded.recordEpoch(run.id, { epoch: 2, loss: 0.2, recon: 0.19, kl: 1, valLoss: 0.18, valRecon: 0.17, valKl: 1.1, seconds: 9, klWeight: 0.01 }, null, null, snapshot)
    expect(upgraded.snapshots.get(run.id)).toEqual({ count: 2, dim: 1, positions: snapshot.positions, labels: snapshot.labels, epochs: [{ epoch: 2, zMean: snapshot.zMean }] })
    upgraded.runs.delete(run.id)
    expect(upgraded.db.prepare('SELECT COUNT(*) AS n FROM epoch_latent_snapshots').get()).toEqual({ n: 0 })
    expect(upgraded.db.pragma('foreign_key_check')).toEqual([])
    upgraded.close()
  })

  it('add the likelihood table to a populated database of the version before; storing codes again drops its estimates, deleting the run too', () => {
    const { file, db } = databaseBefore('0008-likelihood-evaluations')
    const old = new WorkbenchStore(db)
    expect(tables(old.db)).not.toContain('likelihood_evaluations')
    const run = old.runs.create(DEFAULT_RUN_CONFIG, 'evaluated later')
    const cloud = storedCodes(run.id)
    old.artifacts.saveLatents(cloud)
    old.runs.setStatus(run.id, 'finished')
    old.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.runs.get(run.id)).toMatchObject({ name: 'evaluated later', status: 'finished' })
    expect(upgraded.artifacts.latents(run.id)?.count).toBe(1)
    const evaluation = likelihoodEstimate(run.id, 100, -120.5)
    upgraded.likelihoods.save(evaluation)
    upgraded.likelihoods.save({ ...evaluation, k: 1 })
    expect(upgraded.likelihoods.forRuns([run.id]).map((e) => e.k)).toEqual([1, 100])
    expect(upgraded.likelihoods.find(run.id, 100)).toEqual(evaluation)
    upgraded.artifacts.saveLatents(cloud)
    expect(upgraded.likelihoods.forRuns([run.id])).toEqual([])
    upgraded.likelihoods.save(evaluation)
    upgraded.runs.delete(run.id)
    expect(upgraded.likelihoods.find(run.id, 100)).toBeNull()
    upgraded.close()
  })

  it('fill the run summaries of a populated database of the version before (0006), in place', () => {
    const { file, db: old } = databaseBefore('0006-run-summaries')
    seedRuns(old, { runs: 120, epochs: 5 })
    // A config written before a field existed reads with its default, so it groups with today's.
    const { likelihood: _likelihood, ...older } = DEFAULT_RUN_CONFIG
    const legacy = insertLegacyRun(old, { ...older, seed: 99 } as typeof DEFAULT_RUN_CONFIG, 'older config')
    const expected = new Map(
      old
        .prepare<[], { run_id: number; epoch: number; val_loss: number }>('SELECT run_id, epoch, val_loss FROM epoch_metrics ORDER BY run_id, epoch')
        .all()
        .map((r) => [r.run_id, r]),
    )
    old.close()

    const upgraded = WorkbenchStore.open(file)
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const runs = upgraded.listing.list()
    expect(runs).toHaveLength(121)
    for (const run of runs) {
      const last = expected.get(run.id)
      expect(run.last?.valLoss, `run ${run.id}`).toBe(last?.val_loss)
      expect(run.last?.epoch).toBe(last?.epoch)
      const epochs = upgraded.metrics.epochs(run.id)
      const best = epochs.length ? epochs.reduce((a, b) => (b.valLoss < a.valLoss ? b : a)) : null
      expect(run.best).toEqual(best && { valLoss: best.valLoss, epoch: best.epoch })
    }
    // Seeds 1–5 of one config share a key; the old config without `likelihood` joins the defaults' group.
    const byId = new Map(runs.map((r) => [r.id, r]))
    expect(new Set([1, 2, 3, 4, 5].map((id) => byId.get(id)!.configKey)).size).toBe(1)
    expect(byId.get(6)!.configKey).not.toBe(byId.get(1)!.configKey)
    const fresh = upgraded.runs.create({ ...DEFAULT_RUN_CONFIG, seed: 7 }, 'new')
    expect(upgraded.runs.get(fresh.id).configKey).toBe(byId.get(legacy)!.configKey)
    const firstPage = upgraded.listing.page({ sort: { field: 'bestValLoss', descending: false }, limit: 10 })
    expect(firstPage.runs.map((r) => r.best!.valLoss)).toEqual([...runs].filter((r) => r.best).map((r) => r.best!.valLoss).sort((a, b) => a - b).slice(0, 10))
    expect(firstPage.total).toBe(122)
    expect(upgraded.db.pragma('integrity_check', { simple: true })).toBe('ok')
    upgraded.close()
  })

  it('add the log-likelihood summary column (0010) filled from stored estimates, kept by triggers, sortable', () => {
    const { file, db } = databaseBefore('0010-run-log-likelihood')
    const old = new WorkbenchStore(db)
    const [a, b, c] = ['a', 'b', 'never estimated'].map((name) => old.runs.create(DEFAULT_RUN_CONFIG, name).id)
    for (const id of [a, b]) old.artifacts.saveLatents(storedCodes(id))
    old.likelihoods.save(likelihoodEstimate(a, 1, -150))
    old.likelihoods.save(likelihoodEstimate(a, 100, -140))
    old.close()

    const upgraded = WorkbenchStore.open(file)
    // Filled in place from the estimate with the largest K.
    expect(upgraded.runs.get(a).logLikelihood).toEqual({ iwae: -140, k: 100 })
    expect(upgraded.runs.get(c).logLikelihood).toBeNull()
    upgraded.likelihoods.save(likelihoodEstimate(b, 10, -135))
    upgraded.likelihoods.save(likelihoodEstimate(a, 1000, -139.5))
    expect(upgraded.runs.get(a).logLikelihood).toEqual({ iwae: -139.5, k: 1000 })
    const byLikelihood = upgraded.listing.page({ sort: { field: 'logLikelihood', descending: true } }).runs.map((r) => r.id)
    expect(byLikelihood).toEqual([b, a, c]) // runs without a value come last
    // Codes stored again drop the run's estimates, and with them its column.
    upgraded.artifacts.saveLatents(storedCodes(b))
    expect(upgraded.runs.get(b).logLikelihood).toBeNull()
    expect(upgraded.db.pragma('foreign_key_check')).toEqual([])
    upgraded.close()
  })

  it('roll back a failing migration as a whole', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE runs (x)') // makes migration 1 fail half-way
    expect(() => migrate(db)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(tables(db)).toEqual(['runs'])
  })

  it('refuse a database from a newer version or a file that is not SQLite, and leave it untouched', () => {
    const dir = tempDir()
    const newer = path.join(dir, 'newer.sqlite')
    const raw = new Database(newer)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    expect(() => openDatabase(newer)).toThrow(/written by a newer SeqVAE Workbench .* it was not changed/)
    const check = new Database(newer)
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
    expect(tables(check)).toEqual([])
    check.close()

    const junk = path.join(dir, 'junk.sqlite')
    writeFileSync(junk, 'this is not a database, just text that is long enough to have a header……………………………………')
    expect(() => openDatabase(junk)).toThrow(/is not a readable SeqVAE Workbench database/)
  })

  it('say so when another program holds the database locked, and change nothing', () => {
    const file = path.join(tempDir(), 'locked.sqlite')
    const holder = new Database(file)
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)')
    expect(() => openDatabase(file, { busyTimeoutMs: 50 })).toThrow(/is locked by another program; close it and try again/)
    holder.exec('ROLLBACK')
    expect(holder.pragma('user_version', { simple: true })).toBe(0)
    holder.close()
  })
})

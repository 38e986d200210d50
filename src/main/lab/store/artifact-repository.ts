import type { LatentCloud, RunId } from '../../../shared/api'
import { decodeWeights, encodeWeights } from '../model/weight-codec'
import type { WeightTensor } from '../model/weight-layout'
import type { Checkpoint, TrainState } from '../model/checkpoint'
import { float32FromBlob, int32FromBlob, toBlob } from './blob-codec'
import type { Db } from './database'

interface LatentRow {
  count: number
  dim: number
  indices: Buffer
  labels: Buffer
  z_mean: Buffer
  z_log_var: Buffer
  recon_bce: Buffer
  recon_mse: Buffer
}

/** What training leaves behind: evaluation codes, final weights and the resumable checkpoint. */
export class ArtifactRepository {
  constructor(private readonly db: Db) {}

  saveLatents(cloud: LatentCloud): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO latents (run_id, count, dim, indices, labels, z_mean, z_log_var, recon_bce, recon_mse, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        cloud.runId,
        cloud.count,
        cloud.dim,
        toBlob(cloud.indices),
        toBlob(cloud.labels),
        toBlob(cloud.zMean),
        toBlob(cloud.zLogVar),
        toBlob(cloud.reconBce),
        toBlob(cloud.reconMse),
        new Date().toISOString(),
      )
  }

  latents(runId: RunId): LatentCloud | null {
    const row = this.db.prepare<[number], LatentRow>('SELECT * FROM latents WHERE run_id = ?').get(runId)
    if (!row) return null
    return {
      runId,
      count: row.count,
      dim: row.dim,
      indices: int32FromBlob(row.indices),
      labels: int32FromBlob(row.labels),
      zMean: float32FromBlob(row.z_mean),
      zLogVar: float32FromBlob(row.z_log_var),
      reconBce: float32FromBlob(row.recon_bce),
      reconMse: float32FromBlob(row.recon_mse),
    }
  }

  hasLatents(runId: RunId): boolean {
    return this.db.prepare('SELECT 1 FROM latents WHERE run_id = ?').get(runId) !== undefined
  }

  saveFinalWeights(runId: RunId, weights: readonly WeightTensor[]): void {
    this.db
      .prepare('INSERT OR REPLACE INTO final_weights (run_id, weights, created_at) VALUES (?, ?, ?)')
      .run(runId, encodeWeights(weights), new Date().toISOString())
  }

  /** Whether final weights exist, without reading and decoding the blob (getRun asks on every epoch event). */
  hasFinalWeights(runId: RunId): boolean {
    return this.db.prepare('SELECT 1 FROM final_weights WHERE run_id = ?').get(runId) !== undefined
  }

  finalWeights(runId: RunId): WeightTensor[] | null {
    const row = this.db.prepare<[number], { weights: Buffer }>('SELECT weights FROM final_weights WHERE run_id = ?').get(runId)
    return row ? decodeWeights(row.weights) : null
  }

  /** Replaces the run's checkpoint; call inside the transaction that records the epoch. */
  saveCheckpoint(runId: RunId, c: Checkpoint): void {
    const optimizer = encodeWeights([
      { name: '__step', shape: [1], values: Float32Array.of(c.optimizer.step) },
      ...c.optimizer.m.map((w) => ({ ...w, name: `m:${w.name}` })),
      ...c.optimizer.v.map((w) => ({ ...w, name: `v:${w.name}` })),
    ])
    this.db
      .prepare(
        `INSERT OR REPLACE INTO checkpoints (run_id, epoch, weights, optimizer, train_state, best_epoch, best_weights, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        c.epoch,
        encodeWeights(c.weights),
        optimizer,
        JSON.stringify(c.state),
        c.best?.epoch ?? null,
        c.best ? encodeWeights(c.best.weights) : null,
        new Date().toISOString(),
      )
  }

  checkpoint(runId: RunId): Checkpoint | null {
    const row = this.db
      .prepare<[number], { epoch: number; weights: Buffer; optimizer: Buffer; train_state: string; best_epoch: number | null; best_weights: Buffer | null }>(
        'SELECT epoch, weights, optimizer, train_state, best_epoch, best_weights FROM checkpoints WHERE run_id = ?',
      )
      .get(runId)
    if (!row) return null
    const opt = decodeWeights(row.optimizer)
    const strip = (prefix: string) =>
      opt.filter((w) => w.name.startsWith(prefix)).map((w) => ({ ...w, name: w.name.slice(prefix.length) }))
    const checkpoint: Checkpoint = {
      epoch: row.epoch,
      weights: decodeWeights(row.weights),
      optimizer: { step: opt[0].values[0], m: strip('m:'), v: strip('v:') },
      state: JSON.parse(row.train_state) as TrainState,
    }
    if (row.best_epoch !== null && row.best_weights !== null) checkpoint.best = { epoch: row.best_epoch, weights: decodeWeights(row.best_weights) }
    return checkpoint
  }
}

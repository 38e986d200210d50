import type { RunId } from '../../../shared/api'
import type { EpochLatentSnapshot } from '../../../shared/latent-timeline'
import { float32FromBlob, int32FromBlob, toBlob } from './blob-codec'
import type { Db } from './database'

/** A run's snapshot subset and every epoch's codes of it, ascending by epoch. */
export interface StoredSnapshots {
  count: number
  dim: number
  positions: Int32Array
  labels: Int32Array
  epochs: { epoch: number; zMean: Float32Array }[]
}

/** Per-epoch z_mean of a run's fixed validation subset (migration 0009). */
export class LatentSnapshotRepository {
  // Statements are prepared when used: a store opened on a database of an earlier version (the
  // migration tests do) has no snapshot tables yet.
  constructor(private readonly db: Db) {}

  /**
   * Call inside the epoch's transaction. The subset is the same every epoch (chosen from the run's
   * seed), so writing it again costs little and keeps each epoch's write self-contained.
   */
  insert(runId: RunId, epoch: number, s: EpochLatentSnapshot): void {
    if (s.positions.length !== s.count || s.labels.length !== s.count || s.zMean.length !== s.count * s.dim) {
      throw new Error(`a latent snapshot of ${s.count} × ${s.dim} codes came with ${s.positions.length} positions, ${s.labels.length} labels and ${s.zMean.length} values`)
    }
    this.db.prepare('INSERT OR REPLACE INTO latent_snapshot_subsets (run_id, count, dim, positions, labels) VALUES (?, ?, ?, ?, ?)').run(runId, s.count, s.dim, toBlob(s.positions), toBlob(s.labels))
    this.db.prepare('INSERT OR REPLACE INTO epoch_latent_snapshots (run_id, epoch, z_mean) VALUES (?, ?, ?)').run(runId, epoch, toBlob(s.zMean))
  }

  /** Null for a run without snapshots (trained before they were recorded, or not yet through an epoch). */
  get(runId: RunId): StoredSnapshots | null {
    const subset = this.db
      .prepare<[number], { count: number; dim: number; positions: Buffer; labels: Buffer }>('SELECT count, dim, positions, labels FROM latent_snapshot_subsets WHERE run_id = ?')
      .get(runId)
    if (!subset) return null
    const epochs = this.db
      .prepare<[number], { epoch: number; z_mean: Buffer }>('SELECT epoch, z_mean FROM epoch_latent_snapshots WHERE run_id = ? ORDER BY epoch')
      .all(runId)
      .map((r) => ({ epoch: r.epoch, zMean: float32FromBlob(r.z_mean) }))
    return { count: subset.count, dim: subset.dim, positions: int32FromBlob(subset.positions), labels: int32FromBlob(subset.labels), epochs }
  }

}

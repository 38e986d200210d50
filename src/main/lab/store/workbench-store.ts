import type { EpochMetrics, RunId } from '../../../shared/api'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { EpochLatentSnapshot } from '../../../shared/latent-timeline'
import type { Checkpoint } from '../model/checkpoint'
import { ArtifactRepository } from './artifact-repository'
import { openDatabase, type Db } from './database'
import { DatasetRepository } from './dataset-repository'
import { LatentSnapshotRepository } from './latent-snapshot-repository'
import { LikelihoodRepository } from './likelihood-repository'
import { MetricRepository } from './metric-repository'
import { QueueRepository } from './queue-repository'
import { RunListing } from './run-listing'
import { RunRepository } from './run-repository'
import { StopRepository } from './stop-repository'

/** The Lab's one handle on SQLite: the repositories over one connection, and the multi-table writes. */
export class WorkbenchStore {
  readonly runs: RunRepository
  readonly metrics: MetricRepository
  readonly artifacts: ArtifactRepository
  readonly datasets: DatasetRepository
  readonly queue: QueueRepository
  readonly stops: StopRepository
  readonly snapshots: LatentSnapshotRepository
  readonly likelihoods: LikelihoodRepository
  readonly listing: RunListing

  constructor(readonly db: Db) {
    this.runs = new RunRepository(db)
    this.metrics = new MetricRepository(db)
    this.artifacts = new ArtifactRepository(db)
    this.datasets = new DatasetRepository(db)
    this.queue = new QueueRepository(db)
    this.stops = new StopRepository(db)
    this.snapshots = new LatentSnapshotRepository(db)
    this.likelihoods = new LikelihoodRepository(db)
    this.listing = new RunListing(db)
  }

  static open(file: string): WorkbenchStore {
    return new WorkbenchStore(openDatabase(file))
  }

  /** An epoch's metrics and (optionally) its checkpoint, latent statistics and snapshot land together or not at all. */
  recordEpoch(
    runId: RunId,
    metrics: EpochMetrics,
    checkpoint: Checkpoint | null,
    latentStats: EpochLatentStats | null = null,
    latentSnapshot: EpochLatentSnapshot | null = null,
  ): void {
    this.db.transaction(() => {
      this.metrics.insertEpoch(runId, metrics)
      if (latentStats) this.metrics.insertLatentStats(runId, metrics.epoch, latentStats)
      if (latentSnapshot) this.snapshots.insert(runId, metrics.epoch, latentSnapshot)
      if (checkpoint) this.artifacts.saveCheckpoint(runId, checkpoint)
      this.runs.heartbeat(runId)
    })()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

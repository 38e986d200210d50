import type { EpochMetrics, RunId } from '../../../shared/api'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { Checkpoint } from '../model/checkpoint'
import { ArtifactRepository } from './artifact-repository'
import { openDatabase, type Db } from './database'
import { DatasetRepository } from './dataset-repository'
import { MetricRepository } from './metric-repository'
import { QueueRepository } from './queue-repository'
import { RunListing } from './run-listing'
import { RunRepository } from './run-repository'

/** The Lab's one handle on SQLite: the repositories over one connection, and the multi-table writes. */
export class WorkbenchStore {
  readonly runs: RunRepository
  readonly metrics: MetricRepository
  readonly artifacts: ArtifactRepository
  readonly datasets: DatasetRepository
  readonly queue: QueueRepository
  readonly listing: RunListing

  constructor(readonly db: Db) {
    this.runs = new RunRepository(db)
    this.metrics = new MetricRepository(db)
    this.artifacts = new ArtifactRepository(db)
    this.datasets = new DatasetRepository(db)
    this.queue = new QueueRepository(db)
    this.listing = new RunListing(db)
  }

  static open(file: string): WorkbenchStore {
    return new WorkbenchStore(openDatabase(file))
  }

  /** An epoch's metrics and (optionally) its checkpoint land together or not at all. */
  recordEpoch(runId: RunId, metrics: EpochMetrics, checkpoint: Checkpoint | null, latentStats: EpochLatentStats | null = null): void {
    this.db.transaction(() => {
      this.metrics.insertEpoch(runId, metrics)
      if (latentStats) this.metrics.insertLatentStats(runId, metrics.epoch, latentStats)
      if (checkpoint) this.artifacts.saveCheckpoint(runId, checkpoint)
      this.runs.heartbeat(runId)
    })()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

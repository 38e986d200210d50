import type { BatchMetric, EpochMetrics, LatentCloud, ProgressInfo, RunEnvironment, RunId, RunPhase, RunStop } from '../../../shared/api'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { EpochLatentSnapshot } from '../../../shared/latent-timeline'
import type { RunConfig } from '../../../shared/run-config'
import type { WeightTensor } from '../model/weight-layout'
import type { Checkpoint } from '../model/checkpoint'

/** Messages between the Lab (parent) and a training worker process; typed arrays travel by structured clone. */
export type ParentToWorker =
  | {
      type: 'start'
      runId: RunId
      config: RunConfig
      resumeFrom: Checkpoint | null
      /** where imported datasets live */
      databaseFile: string
      /** An imported dataset packaged by the queue (a queue worker's cached copy): used instead of the database. */
      datasetPackage?: string
      /** The fused engine's native threads (its default where absent). */
      threads?: number
      /**
       * Stay for the next `start` after this run's `done` instead of exiting, keeping the last
       * dataset loaded: a queue worker keeps a warm process so a job starts without a fork.
       */
      keepAlive?: boolean
    }
  | { type: 'cancel' }

export type WorkerToParent =
  | { type: 'started'; engine: string; backend: string; params: number; env: RunEnvironment }
  | { type: 'progress'; progress: ProgressInfo }
  | { type: 'batches'; batches: BatchMetric[] }
  | {
      type: 'epoch'
      metrics: EpochMetrics
      checkpoint: Checkpoint
      latentStats: EpochLatentStats | null
      /** Absent from a worker of a version before snapshots (a queue worker not yet upgraded). */
      latentSnapshot?: EpochLatentSnapshot | null
    }
  | ({ type: 'phase' } & RunPhase)
  /** Training is over (not cancelled): how it ended, before the evaluation. */
  | { type: 'stopped'; stop: RunStop }
  | { type: 'evaluated'; latents: Omit<LatentCloud, 'runId'>; weights: WeightTensor[] }
  | { type: 'done'; status: 'finished' | 'cancelled' | 'failed'; error: string | null }

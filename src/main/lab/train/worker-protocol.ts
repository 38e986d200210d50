import type { BatchMetric, EpochMetrics, LatentCloud, ProgressInfo, RunEnvironment, RunId, RunPhase } from '../../../shared/api'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { RunConfig } from '../../../shared/run-config'
import type { WeightTensor } from '../model/weight-layout'
import type { Checkpoint } from '../model/checkpoint'

/** Messages between the Lab (parent) and a training worker process; typed arrays travel by structured clone. */
export type ParentToWorker =
  | { type: 'start'; runId: RunId; config: RunConfig; resumeFrom: Checkpoint | null; /** where imported datasets live */ databaseFile: string }
  | { type: 'cancel' }

export type WorkerToParent =
  | { type: 'started'; engine: string; backend: string; params: number; env: RunEnvironment }
  | { type: 'progress'; progress: ProgressInfo }
  | { type: 'batches'; batches: BatchMetric[] }
  | { type: 'epoch'; metrics: EpochMetrics; checkpoint: Checkpoint; latentStats: EpochLatentStats | null }
  | ({ type: 'phase' } & RunPhase)
  | { type: 'evaluated'; latents: Omit<LatentCloud, 'runId'>; weights: WeightTensor[] }
  | { type: 'done'; status: 'finished' | 'cancelled' | 'failed'; error: string | null }

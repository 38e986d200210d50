import type { RunId } from './api'

/**
 * Where training happens, as the Workers view shows it. In `local` mode the serving process
 * trains its runs itself; in `queue` mode it sends them to a Redis queue that `seqvae worker`
 * processes on any number of machines take them from (see README, "Training on several machines").
 */
export interface QueueStatus {
  mode: 'local' | 'queue'
  /** The queue's address with any password hidden (`redis://:***@host:6379/0`); null in local mode. */
  address: string | null
  /** Null while the queue answers; otherwise one sentence saying what is wrong (runs wait meanwhile). */
  problem: string | null
  /** Queued runs in the order the workers will take them; `position` counts from 1. */
  waiting: { runId: RunId; position: number }[]
  /** Workers that reported in the last day, the ones training first. */
  workers: WorkerSummary[]
  /** Local training processes the serving process runs at once (`--jobs`): its own slots. */
  localJobs: number
}

export interface WorkerSummary {
  id: string
  name: string
  host: string
  /** The training engine it uses, in words ("fused, native avx2 kernels, 1 thread"). */
  engine: string
  concurrency: number
  jobsDone: number
  /** The runs it trains now. */
  runs: RunId[]
  startedAt: string
  /** When the queue last heard from it (measured by the queue's clock, so machines' clocks need not agree). */
  lastHeartbeatAt: string
  /** False once its heartbeat has lapsed: the machine or process is gone (its runs go to other workers). */
  alive: boolean
}

/** One stretch of a run's training on one worker: a run that moved after a failure has several. */
export interface TrainingPlacement {
  worker: string
  host: string
  /** The first epoch this worker trained (a run resumed from epoch 2's checkpoint starts at 3). */
  fromEpoch: number
}

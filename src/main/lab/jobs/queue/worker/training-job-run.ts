import type { Redis } from 'ioredis'
import type { RunId } from '../../../../../shared/api'
import type { EngineChoice, RunConfig } from '../../../../../shared/run-config'
import type { Checkpoint } from '../../../model/checkpoint'
import type { WorkerToParent } from '../../../train/worker-protocol'
import { runKeys } from '../queue-keys'
import { decodeCheckpoint, type WorkerIdentity } from '../run-records'
import { checkTrainingJob, type TrainingJob } from '../training-job'
import type { DatasetCache } from './dataset-cache'
import { RecordSender } from './record-sender'
import type { WarmProcesses } from './warm-processes'

/** What became of a job: trained to an end the run records, refused, or dropped as not this worker's to train. */
export type JobOutcome =
  | { status: 'finished' | 'cancelled' | 'failed' }
  | { refused: string }
  | { dropped: string }

/** The worker's parts a job uses. */
export interface JobContext {
  redis: Redis
  identity: WorkerIdentity
  processes: WarmProcesses
  datasets: DatasetCache
  /** Replaces the engine of runs that leave it to `auto` (a GPU machine trains them with tfjs). */
  engine: EngineChoice
  threads: number | undefined
  cancelGraceMs: number
}

/** A job in training, as the worker's cancel and fence checks reach it. */
export interface ActiveRun {
  runId: RunId
  generation: number
  /** The hub cancelled the run: stop at the next batch (killed if it does not within the grace period). */
  cancel(): void
  /** Another attempt or job owns the run now: stop at once, sending nothing more. */
  abandon(reason: string): void
  /** The worker is stopping: end the training process now; the job goes back to the queue. */
  stop(): void
}

/** Thrown when the training process died: BullMQ then retries the job (a bounded number of times). */
export class TrainingProcessLost extends Error {
  override readonly name = 'TrainingProcessLost'
}

/** Thrown when a job names no run to record a refusal on: nothing to tell the hub, and no retry. */
export class UnattributableJob extends Error {
  override readonly name = 'UnattributableJob'
}

/**
 * Takes one job: checks it, claims the run's next attempt, fetches the checkpoint the hub last
 * recorded and the dataset, trains in a warm training process and passes on each of its messages
 * as a record. `active` registers the run with the worker for cancels and fence checks.
 */
export async function runTrainingJob(
  ctx: JobContext,
  job: { id: string; data: unknown },
  active: { add(run: ActiveRun): void; remove(run: ActiveRun): void },
): Promise<JobOutcome> {
  const verdict = checkTrainingJob(job.data, Buffer.byteLength(JSON.stringify(job.data ?? null)))
  const runId = verdict.ok ? verdict.job.runId : verdict.runId
  if (runId === null) throw new UnattributableJob(`job ${job.id} was refused and names no run to tell: ${verdict.ok ? '' : verdict.reason}`)
  const keys = runKeys(runId)
  // Only the run's current job may train it, or fail it: a stray copy is dropped either way.
  const [current, cancelled] = await ctx.redis.mget(keys.job, keys.cancel)
  if (current !== job.id) return { dropped: `job ${job.id} is not run ${runId}'s current job (${current ?? 'none'})` }
  if (cancelled) return { dropped: `run ${runId} was cancelled` }
  if (!verdict.ok) return refuse(ctx, runId, verdict.reason)

  let checkpoint: Checkpoint | null
  let datasetPackage: string | undefined
  try {
    const bytes = await ctx.redis.getBuffer(keys.checkpoint)
    checkpoint = bytes ? decodeCheckpoint(bytes) : null
    datasetPackage = verdict.job.dataset ? await ctx.datasets.file(verdict.job.dataset.sha256) : undefined
  } catch (e) {
    return refuse(ctx, runId, (e as Error).message)
  }
  return train(ctx, verdict.job, checkpoint, datasetPackage, active)
}

async function refuse(ctx: JobContext, runId: RunId, reason: string): Promise<JobOutcome> {
  const error = `worker ${ctx.identity.name} (${ctx.identity.host}) refused the job: ${reason}`
  const generation = await ctx.redis.incr(runKeys(runId).generation)
  const sender = new RecordSender(ctx.redis, runId, generation, () => {})
  sender.send({ type: 'refused', error })
  await sender.flush()
  return { refused: error }
}

async function train(
  ctx: JobContext,
  job: TrainingJob,
  checkpoint: Checkpoint | null,
  datasetPackage: string | undefined,
  active: { add(run: ActiveRun): void; remove(run: ActiveRun): void },
): Promise<JobOutcome> {
  const { runId } = job
  const generation = await ctx.redis.incr(runKeys(runId).generation)
  const process = ctx.processes.take()
  let abandoned: string | null = null
  let killTimer: NodeJS.Timeout | undefined
  const abandon = (reason: string) => {
    abandoned ??= reason
    process.handle.kill('SIGKILL')
  }
  const sender = new RecordSender(ctx.redis, runId, generation, () => abandon(`run ${runId} ended on the hub`))
  const resumedFrom = checkpoint?.epoch ?? 0
  const run: ActiveRun = {
    runId,
    generation,
    cancel: () => {
      process.handle.send({ type: 'cancel' })
      killTimer ??= setTimeout(() => process.handle.kill('SIGKILL'), ctx.cancelGraceMs)
    },
    abandon,
    stop: () => process.handle.kill('SIGKILL'),
  }
  active.add(run)
  try {
    sender.send({ type: 'claimed', worker: ctx.identity, resumedFrom })
    const outcome = await ctx.processes.run(process, startMessage(ctx, job, checkpoint, datasetPackage), (m) => {
      if (!abandoned) sender.send(withPlacement(m, ctx.identity, resumedFrom + 1))
    })
    await sender.flush()
    if (abandoned) return { dropped: abandoned }
    if ('done' in outcome) return { status: outcome.done.status }
    const { signal, code } = outcome.exit
    throw new TrainingProcessLost(`the training process ${signal ? `was killed by ${signal}` : `exited with code ${code}`} before the run ended`)
  } finally {
    clearTimeout(killTimer)
    active.remove(run)
  }
}

function startMessage(ctx: JobContext, job: TrainingJob, resumeFrom: Checkpoint | null, datasetPackage: string | undefined) {
  const config: RunConfig = job.config.engine === 'auto' && ctx.engine !== 'auto' ? { ...job.config, engine: ctx.engine } : job.config
  return {
    type: 'start' as const,
    runId: job.runId,
    config,
    resumeFrom,
    databaseFile: '',
    datasetPackage,
    threads: ctx.threads,
    keepAlive: true,
  }
}

/** The run's environment names the worker that trained it, from which epoch. */
function withPlacement(m: WorkerToParent, identity: WorkerIdentity, fromEpoch: number): WorkerToParent {
  if (m.type !== 'started') return m
  return { ...m, env: { ...m.env, trainedOn: [{ worker: identity.name, host: identity.host, fromEpoch }] } }
}

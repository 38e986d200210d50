import { randomUUID } from 'node:crypto'
import { availableParallelism, hostname } from 'node:os'
import path from 'node:path'
import type { ConnectionOptions, Job, Worker as BullWorker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { EngineChoice } from '../../../../../shared/run-config'
import { nativeAddonStatus } from '../../../engines/fused/native-core'
import { ForkWorkerLauncher, type WorkerLauncher } from '../../worker-launcher'
import { BULL_PREFIX, CANCEL_CHANNEL, QUEUE_NAME } from '../queue-keys'
import { bullmq, ioredis } from '../queue-packages'
import { redisOptions, type RedisAddress } from '../redis-address'
import { MAX_STALLS } from '../training-job'
import { publishPresence, withdrawPresence } from '../worker-presence'
import { DatasetCache } from './dataset-cache'
import { runTrainingJob, TrainingProcessLost, UnattributableJob, type ActiveRun, type JobContext, type JobOutcome } from './training-job-run'
import { WarmProcesses } from './warm-processes'

export interface QueueWorkerOptions {
  address: RedisAddress
  name: string
  concurrency: number
  /** Replaces `auto` in the runs this worker trains (e.g. `tfjs` on a machine with a GPU). */
  engine: EngineChoice
  /** The fused engine's native threads per run (its default where absent). */
  threads?: number
  /** Where fetched datasets are cached (a `datasets/` folder is made inside). */
  cacheDir: string
  /** How training processes start (default: forked Node processes; the desktop app uses utility processes). */
  launcher?: WorkerLauncher
  /** A job whose worker has been silent this long goes to another worker. */
  stallTimeoutMs: number
  heartbeatMs: number
  log: (line: string) => void
}

/**
 * A queue worker (`seqvae worker`, or the hub's own `--jobs`): takes training jobs from the Redis
 * queue with BullMQ, trains each in a warm training process, and sends every record back through
 * the run's stream. Its heartbeat tells the Workers view it is alive and checks that no newer
 * attempt has taken its runs; the cancel channel reaches its runs within a batch.
 */
export class QueueWorker {
  readonly id = randomUUID()
  private readonly redis: Redis
  private readonly subscriber: Redis
  private readonly processes: WarmProcesses
  private readonly bull: BullWorker
  private readonly active = new Set<ActiveRun>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly startedAt = new Date().toISOString()
  private jobsDone = 0
  private closing: Promise<void> | null = null

  constructor(private readonly options: QueueWorkerOptions) {
    const connection = redisOptions(options.address, { patient: true })
    const { Redis } = ioredis()
    this.redis = new Redis(connection)
    this.subscriber = new Redis(connection)
    for (const client of [this.redis, this.subscriber]) client.on('error', () => {}) // reported once, by BullMQ's 'error' below
    this.processes = new WarmProcesses(options.launcher ?? new ForkWorkerLauncher(), options.concurrency)
    const context: JobContext = {
      redis: this.redis,
      identity: { id: this.id, name: options.name, host: hostname() },
      processes: this.processes,
      datasets: new DatasetCache(this.redis, path.join(options.cacheDir, 'datasets')),
      engine: options.engine,
      threads: options.threads,
      cancelGraceMs: 15_000,
    }
    this.subscriber.on('message', (_channel: string, message: string) => {
      for (const run of this.active) if (run.runId === Number(message)) run.cancel()
    })
    void this.subscriber.subscribe(CANCEL_CHANNEL)
    this.bull = new (bullmq().Worker)(QUEUE_NAME, (job, token) => this.process(context, job, token), {
      // The same options (BullMQ's overloads do not see ioredis's options type as one of theirs).
      connection: connection as ConnectionOptions,
      prefix: BULL_PREFIX,
      name: options.name,
      concurrency: options.concurrency,
      lockDuration: options.stallTimeoutMs,
      stalledInterval: Math.max(500, options.stallTimeoutMs / 2),
      maxStalledCount: MAX_STALLS,
      drainDelay: 5,
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    })
    let lastError = ''
    this.bull.on('error', (e) => {
      if (e.message !== lastError) options.log(`queue: ${e.message}`)
      lastError = e.message
    })
    this.bull.on('ready', () => {
      if (lastError) options.log('queue: connected again')
      lastError = ''
    })
    this.heartbeat = setInterval(() => void this.beat(), options.heartbeatMs)
    void this.beat()
  }

  /** Resolves once the queue answers (it keeps trying meanwhile). */
  async whenReady(): Promise<void> {
    await this.bull.waitUntilReady()
  }

  /** Stops taking jobs and hands the runs in training back to the queue, for another worker to resume. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.heartbeat)
      const closed = this.bull.close()
      for (const run of this.active) run.stop()
      await closed
      this.processes.close()
      await withdrawPresence(this.redis, this.id).catch(() => {})
      await Promise.all([this.subscriber.quit(), this.redis.quit()]).catch(() => {})
    })()
    return this.closing
  }

  private async process(context: JobContext, job: Job, token: string | undefined): Promise<JobOutcome> {
    const runs = { add: (run: ActiveRun) => this.active.add(run), remove: (run: ActiveRun) => this.active.delete(run) }
    try {
      const outcome = await runTrainingJob(context, { id: job.id ?? '', data: job.data }, runs)
      this.jobsDone++
      this.options.log(`job ${job.id}: ${'status' in outcome ? outcome.status : 'refused' in outcome ? outcome.refused : `dropped (${outcome.dropped})`}`)
      return outcome
    } catch (e) {
      if (this.closing && e instanceof TrainingProcessLost) {
        // Back to the queue's waiting list without counting as a stall: another worker resumes it.
        await job.moveToWait(token)
        throw new (bullmq().WaitingError)()
      }
      this.jobsDone++
      this.options.log(`job ${job.id}: ${(e as Error).message}`)
      throw e instanceof UnattributableJob ? new (bullmq().UnrecoverableError)(e.message) : e
    }
  }

  private async beat(): Promise<void> {
    if (this.closing || this.redis.status !== 'ready') return
    try {
      await publishPresence(
        this.redis,
        {
          ...this.identity(),
          pid: process.pid,
          engine: describeEngine(this.options.engine, this.options.threads),
          concurrency: this.options.concurrency,
          jobsDone: this.jobsDone,
          runs: [...this.active].map((r) => r.runId),
          startedAt: this.startedAt,
        },
        Math.max(3 * this.options.heartbeatMs, 3000),
      )
      await this.checkFences()
    } catch {
      // Redis went away between the check and the write; the next beat tries again.
    }
  }

  /** A run whose attempt counter moved past ours was given to another worker (ours was thought dead): stop. */
  private async checkFences(): Promise<void> {
    const runs = [...this.active]
    if (runs.length === 0) return
    const generations = await this.redis.mget(...runs.map((r) => `seqvae:run:${r.runId}:generation`))
    runs.forEach((run, i) => {
      if (Number(generations[i]) !== run.generation) run.abandon(`attempt ${generations[i]} of run ${run.runId} replaced this one`)
    })
  }

  private identity() {
    return { id: this.id, name: this.options.name, host: hostname() }
  }
}

function describeEngine(engine: EngineChoice, threads: number | undefined): string {
  if (engine === 'tfjs') return 'tfjs (the backend each run asks for; auto picks the best that loads)'
  const status = nativeAddonStatus()
  if (!status.available) return 'fused, TypeScript implementation (1 thread)'
  const n = threads ?? Math.min(2, availableParallelism())
  return `fused, native ${status.instructionSet} kernels, ${n} thread${n === 1 ? '' : 's'} per run`
}

import type { RunId, RunStatus } from '../../../shared/api'
import { FINAL_STATUSES } from '../../../shared/api'
import type { QueueStatus } from '../../../shared/queue-status'
import type { WorkbenchStore } from '../store/workbench-store'
import type { WorkerToParent } from '../train/worker-protocol'
import type { EventBus } from './event-bus'
import type { RunDispatcher } from './run-dispatcher'
import { RunRecorder } from './run-recorder'
import type { WorkerExit, WorkerHandle, WorkerLauncher } from './worker-launcher'

export interface JobRunnerOptions {
  parallelJobs: number
  heartbeatMs: number
  /** How long a cancelled worker may take to stop before it is killed. */
  cancelGraceMs: number
}

interface ActiveJob {
  runId: RunId
  worker: WorkerHandle
  /** Set once the worker reported its own final status; an exit without it is a crash. */
  reported: boolean
  settled: Promise<void>
  settle: () => void
}

interface QueuedJob {
  runId: RunId
}

/**
 * Runs queued runs in worker processes, at most `parallelJobs` at a time, and is the only place
 * that turns worker messages into database rows and run events.
 */
export class JobRunner implements RunDispatcher {
  private readonly queue: QueuedJob[] = []
  private readonly active = new Map<RunId, ActiveJob>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly recorder: RunRecorder
  private closed = false

  constructor(
    private readonly store: WorkbenchStore,
    private readonly launcher: WorkerLauncher,
    private readonly events: EventBus,
    private readonly options: JobRunnerOptions,
  ) {
    this.recorder = new RunRecorder(store)
    this.heartbeat = setInterval(() => {
      for (const id of this.active.keys()) this.store.runs.heartbeat(id)
    }, options.heartbeatMs)
    this.heartbeat.unref()
  }

  check(): void {
    // Every run the Lab accepts can train here.
  }

  enqueue(runId: RunId): void {
    this.queue.push({ runId })
    this.events.publish({ type: 'queued', runId })
    this.pump()
  }

  activeWorkerPid(runId: RunId): number | undefined {
    return this.active.get(runId)?.worker.pid
  }

  /** Stops a queued or running run; resolves once it has reached a final status. */
  async cancel(runId: RunId): Promise<void> {
    const queued = this.queue.findIndex((q) => q.runId === runId)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      this.finish(runId, 'cancelled', null)
      return
    }
    const job = this.active.get(runId)
    // Not this runner's (a run sent to a queue by a workbench started with one): nothing trains it here.
    if (!job) {
      if (this.store.runs.exists(runId) && !FINAL_STATUSES.includes(this.store.runs.get(runId).status)) this.finish(runId, 'cancelled', null)
      return
    }
    job.worker.send({ type: 'cancel' })
    const timer = setTimeout(() => job.worker.kill('SIGKILL'), this.options.cancelGraceMs)
    await job.settled
    clearTimeout(timer)
  }

  /** Resolves when the run is no longer queued or running in this runner. */
  async whenSettled(runId: RunId): Promise<void> {
    while (this.queue.some((q) => q.runId === runId)) await new Promise((r) => setTimeout(r, 100))
    await this.active.get(runId)?.settled
  }

  async status(): Promise<QueueStatus> {
    const waiting = this.queue.map((q, i) => ({ runId: q.runId, position: i + 1 }))
    return { mode: 'local', address: null, problem: null, waiting, workers: [], localJobs: this.options.parallelJobs }
  }

  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.heartbeat)
    for (const q of this.queue.splice(0)) this.finish(q.runId, 'cancelled', 'the workbench closed before the run started')
    await Promise.all([...this.active.keys()].map((id) => this.cancel(id)))
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.parallelJobs && this.queue.length > 0) {
      const next = this.queue.shift()!
      this.start(next)
    }
  }

  private start({ runId }: QueuedJob): void {
    if (!this.store.runs.exists(runId)) return
    // A new run has no checkpoint; a resumed one continues from its last. Epochs after it are redone, so their rows go.
    const checkpoint = this.store.artifacts.checkpoint(runId)
    this.store.metrics.truncateAfter(runId, checkpoint?.epoch ?? 0)
    this.store.runs.claim(runId)
    let settle = () => {}
    const settled = new Promise<void>((r) => (settle = r))
    const worker = this.launcher.launch()
    const job: ActiveJob = { runId, worker, reported: false, settled, settle }
    this.active.set(runId, job)
    worker.onMessage((m) => this.handle(job, m))
    worker.onExit((exit) => this.exited(job, exit))
    worker.send({ type: 'start', runId, config: this.store.runs.get(runId).config, resumeFrom: checkpoint, databaseFile: this.store.db.name })
  }

  private handle(job: ActiveJob, m: WorkerToParent): void {
    try {
      if (m.type === 'done') job.reported = true
      const event = this.recorder.apply(job.runId, m)
      if (event) this.events.publish(event)
    } catch (e) {
      // The database refused a write (disk full, deleted run…): stop the worker rather than train unrecorded.
      job.reported = true
      this.finish(job.runId, 'failed', `could not record the run: ${(e as Error).message}`)
      job.worker.kill('SIGKILL')
    }
  }

  private exited(job: ActiveJob, exit: WorkerExit): void {
    this.active.delete(job.runId)
    if (!job.reported) {
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`
      this.finish(job.runId, 'crashed', `the training process ${how} before the run ended`)
    }
    job.settle()
    this.pump()
  }

  private finish(runId: RunId, status: RunStatus, error: string | null): void {
    const event = this.recorder.end(runId, status, error)
    if (event) this.events.publish(event)
  }
}

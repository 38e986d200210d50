import type { Job } from 'bullmq'
import type { RunId } from '../../../../../shared/api'
import { FINAL_STATUSES } from '../../../../../shared/api'
import type { WorkbenchStore } from '../../../store/workbench-store'
import type { UnnumberedEvent } from '../../event-bus'
import type { RunRecorder } from '../../run-recorder'
import { CANCEL_CHANNEL, HUB_GROUP, runKeys } from '../queue-keys'
import { encodeCheckpoint } from '../run-records'
import { MAX_ATTEMPTS, MAX_STALLS, QUEUE_PROTOCOL, type TrainingJob } from '../training-job'
import type { DatasetPublisher } from './dataset-publisher'
import type { HubLink } from './hub-link'

const CANCEL_TTL_SECONDS = 7 * 24 * 3600

/**
 * The hub's side of each run's job on the queue: sending it (with the checkpoint to start from
 * and the dataset), cancelling it, cleaning up after it, and the periodic check that brings the
 * database and the queue into agreement — a job the queue gave up on fails its run, a job the
 * queue lost (Redis restarted without its data) is sent again from the hub's checkpoint, a run
 * whose worker vanished shows as queued again until another worker takes it.
 */
export class QueueJobs {
  /** Per-run chains, so two operations on one run's job never interleave. */
  private readonly lanes = new Map<RunId, Promise<unknown>>()

  constructor(
    private readonly store: WorkbenchStore,
    private readonly link: HubLink,
    private readonly datasets: DatasetPublisher,
    private readonly recorder: RunRecorder,
    private readonly publish: (event: UnnumberedEvent) => void,
  ) {}

  /** Sends a run's pending job: the attempt fence, checkpoint, dataset and stream first, then the job. */
  send(runId: RunId): Promise<void> {
    return this.inLane(runId, async () => {
      const row = this.store.queue.get(runId)
      if (!row || row.state !== 'pending') return
      if (FINAL_STATUSES.includes(row.runStatus)) return this.closeNow(runId)
      const { commands, queue } = this.link
      // Sent before the hub stopped, but not marked: the fence set then still holds.
      if (!(await queue.getJob(row.jobId))) {
        const keys = runKeys(runId)
        const generation = await commands.incr(keys.generation)
        const run = this.store.runs.get(runId)
        const checkpoint = this.store.db.transaction(() => {
          // As a local resume does: the epochs after the checkpoint are trained again.
          const latest = this.store.artifacts.checkpoint(runId)
          this.store.metrics.truncateAfter(runId, latest?.epoch ?? 0)
          this.store.queue.fence(runId, generation)
          return latest
        })()
        const job: TrainingJob = { protocol: QUEUE_PROTOCOL, runId, config: run.config, dataset: await this.datasets.publish(run.config.dataset) }
        const prepare = commands.multi().del(keys.records, keys.cancel).set(keys.job, row.jobId)
        if (checkpoint) prepare.set(keys.checkpoint, encodeCheckpoint(checkpoint))
        else prepare.del(keys.checkpoint)
        await prepare.xgroup('CREATE', keys.records, HUB_GROUP, '$', 'MKSTREAM').exec()
        await queue.add('train', job, { jobId: row.jobId, attempts: MAX_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 } })
      }
      this.store.queue.markSent(runId)
    })
  }

  /**
   * Asks the worker training the run to stop (a message it hears within a batch, and a key it
   * checks before it starts), and removes the job if no worker has taken it. True when it was removed.
   */
  cancel(runId: RunId): Promise<boolean> {
    return this.inLane(runId, async () => {
      const row = this.store.queue.get(runId)
      if (!row) return true
      await this.signalCancel(runId)
      const job = await this.link.queue.getJob(row.jobId)
      return !job || (await removeUnlessLocked(job))
    })
  }

  /** Removes what the queue holds of an ended run and stops following it. */
  close(runId: RunId): Promise<void> {
    return this.inLane(runId, () => this.closeNow(runId))
  }

  /** Brings every open run and its job into agreement (see the class comment). */
  async reconcile(): Promise<void> {
    for (const row of this.store.queue.open()) {
      if (!this.link.ready()) return
      if (row.state === 'pending') await this.send(row.runId)
      else await this.inLane(row.runId, () => this.follow(row.runId))
    }
  }

  private async follow(runId: RunId): Promise<void> {
    const row = this.store.queue.get(runId)
    if (!row || row.state !== 'sent') return
    if (FINAL_STATUSES.includes(row.runStatus)) return this.closeNow(runId)
    // One small script per run and check; the job itself is read only when it failed.
    const state = await this.link.queue.getJobState(row.jobId)
    const now = this.store.queue.get(runId)
    if (!now || now.state !== 'sent' || FINAL_STATUSES.includes(now.runStatus)) return
    const job = state === 'failed' ? await this.link.queue.getJob(row.jobId) : null
    if (job) {
      this.end(runId, giveUpSentence(job))
      await this.closeNow(runId)
    } else if (state === 'unknown') {
      // The queue lost the job: send it again, from the last checkpoint this hub recorded.
      this.store.queue.openJob(runId)
      this.requeued(runId, now.runStatus)
    } else if (state === 'completed' && (await this.link.commands.xlen(runKeys(runId).records)) === 0) {
      if (FINAL_STATUSES.includes(this.store.queue.get(runId)?.runStatus ?? 'finished')) return
      this.end(runId, 'its worker finished the job but the run\'s last records never reached the workbench; resume it to train the rest from its last checkpoint')
      await this.closeNow(runId)
    } else if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      // Its worker vanished or its training process died: it waits for the next worker.
      this.requeued(runId, now.runStatus)
    }
  }

  private requeued(runId: RunId, status: string): void {
    if (status !== 'running') return
    this.store.runs.setStatus(runId, 'queued')
    this.publish({ type: 'queued', runId })
  }

  private async closeNow(runId: RunId): Promise<void> {
    const row = this.store.queue.get(runId)
    if (!row) return
    const keys = runKeys(runId)
    const job = await this.link.queue.getJob(row.jobId)
    if (job && !(await removeUnlessLocked(job))) await this.signalCancel(runId)
    await this.link.commands.del(keys.records, keys.checkpoint, keys.job)
    this.store.queue.close(runId)
  }

  private async signalCancel(runId: RunId): Promise<void> {
    await this.link.commands.multi().set(runKeys(runId).cancel, '1', 'EX', CANCEL_TTL_SECONDS).publish(CANCEL_CHANNEL, String(runId)).exec()
  }

  private end(runId: RunId, error: string): void {
    const event = this.recorder.end(runId, 'failed', error)
    if (event) this.publish(event)
  }

  private inLane<T>(runId: RunId, work: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(runId) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => {})
    this.lanes.set(runId, settled)
    void settled.then(() => {
      if (this.lanes.get(runId) === settled) this.lanes.delete(runId)
    })
    return next
  }
}

/** A job a worker holds is locked: removing it fails, and it is told to stop instead. */
async function removeUnlessLocked(job: Job): Promise<boolean> {
  try {
    await job.remove()
    return true
  } catch {
    return false
  }
}

function giveUpSentence(job: Job): string {
  if (/stalled more than allowable limit/.test(job.failedReason ?? '')) {
    return `the queue gave the run up: the worker training it vanished ${MAX_STALLS + 1} times (stopped, killed or cut off from the queue)`
  }
  return `the queue gave the run up after ${job.attemptsMade} attempts: ${job.failedReason ?? 'no reason given'}`
}

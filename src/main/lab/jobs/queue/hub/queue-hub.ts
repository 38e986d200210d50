import { hostname } from 'node:os'
import type { RunEvent, RunId } from '../../../../../shared/api'
import { FINAL_STATUSES } from '../../../../../shared/api'
import type { QueueStatus } from '../../../../../shared/queue-status'
import type { RunConfig } from '../../../../../shared/run-config'
import type { WorkbenchStore } from '../../../store/workbench-store'
import type { EventBus } from '../../event-bus'
import type { RunDispatcher } from '../../run-dispatcher'
import { RunRecorder } from '../../run-recorder'
import type { WorkerLauncher } from '../../worker-launcher'
import { runKeys } from '../queue-keys'
import type { RedisAddress } from '../redis-address'
import { decodeRecord, encodeCheckpoint, type RemoteMessage } from '../run-records'
import { QueueWorker } from '../worker/queue-worker'
import { DatasetPublisher } from './dataset-publisher'
import { HubLink } from './hub-link'
import { readQueueStatus } from './queue-status-reader'
import { QueueJobs } from './queue-jobs'
import { RecordApplier } from './record-applier'
import { RecordInbox, type InboxEntry } from './record-inbox'

export interface QueueHubOptions {
  address: RedisAddress
  /** Training processes this machine runs for the queue (`seqvae serve --jobs N`); 0: it only serves. */
  localJobs: number
  launcher: WorkerLauncher
  /** The local worker's dataset cache. */
  cacheDir: string
  /** The local worker's stall timeout (see QueueWorkerOptions). */
  stallTimeoutMs: number
  heartbeatMs: number
  /** How often the database and the queue are compared (see QueueJobs.reconcile). */
  reconcileMs: number
  cancelGraceMs: number
  log: (line: string) => void
  /** Told of each record applied, with the sender's and the hub's clock (the record-lag benchmark). */
  onRecordApplied?: (applied: { runId: RunId; type: RemoteMessage['type']; sentAt: number; appliedAt: number }) => void
}

/**
 * The Lab's dispatcher when runs train on a queue: the hub side of the protocol in
 * docs/ARCHITECTURE.md ("The training queue"). It sends runs as jobs, reads their records
 * (exactly once, committed before acknowledged), follows jobs to their end, and — with
 * `localJobs` — works the queue itself like any worker.
 */
export class QueueHub implements RunDispatcher {
  private readonly link: HubLink
  private readonly recorder: RunRecorder
  private readonly jobs: QueueJobs
  private readonly datasets: DatasetPublisher
  private readonly applier: RecordApplier
  private readonly inbox: RecordInbox
  private readonly localWorker: QueueWorker | null
  private readonly reconcileTimer: NodeJS.Timeout
  private reconciling: Promise<void> | null = null

  constructor(
    private readonly store: WorkbenchStore,
    private readonly events: EventBus,
    private readonly options: QueueHubOptions,
  ) {
    this.link = new HubLink(options.address, store.db.name)
    this.recorder = new RunRecorder(store)
    this.datasets = new DatasetPublisher(store.datasets, this.link.commands)
    this.jobs = new QueueJobs(store, this.link, this.datasets, this.recorder, (e) => events.publish(e))
    this.applier = new RecordApplier(store, this.recorder)
    this.inbox = new RecordInbox(
      this.link,
      () => store.queue.open().filter((row) => row.state === 'sent').map((row) => row.runId),
      (runId, entries) => this.receive(runId, entries),
      options.log,
    )
    let wasReady = false
    this.link.onReady(() => {
      options.log(`queue: connected to ${options.address.display}`)
      wasReady = true
      this.reconcileSoon()
    })
    this.reconcileTimer = setInterval(() => {
      if (wasReady && !this.link.ready()) {
        options.log(`queue: ${this.link.problem()}`)
        wasReady = false
      }
      this.reconcileSoon()
    }, options.reconcileMs)
    this.localWorker =
      options.localJobs > 0
        ? new QueueWorker({
            address: options.address,
            name: `${hostname()} (workbench)`,
            concurrency: options.localJobs,
            engine: 'auto',
            cacheDir: options.cacheDir,
            launcher: options.launcher,
            stallTimeoutMs: options.stallTimeoutMs,
            heartbeatMs: options.heartbeatMs,
            log: (line) => options.log(`local worker: ${line}`),
          })
        : null
  }

  /** A run on an imported dataset too large to travel is refused before it is stored. */
  check(config: RunConfig): void {
    this.datasets.checkSize(config.dataset)
  }

  enqueue(runId: RunId): void {
    this.store.queue.openJob(runId)
    this.events.publish({ type: 'queued', runId })
    if (this.link.ready()) void this.jobs.send(runId).catch((e: Error) => this.options.log(`queue: could not send run ${runId} yet (${e.message})`))
  }

  async cancel(runId: RunId): Promise<void> {
    if (this.settled(runId)) return
    const row = this.store.queue.get(runId)
    let removed = false
    if (row?.state === 'sent' && this.link.ready()) removed = await this.jobs.cancel(runId).catch(() => false)
    // A worker holds it: it stops within a batch and reports the cancel with its last records.
    if (row?.state === 'sent' && !removed && this.link.ready()) {
      await Promise.race([this.whenSettled(runId), new Promise((resolve) => setTimeout(resolve, this.options.cancelGraceMs))])
    }
    // Nothing sent, the queue unreachable, or no answer in time: the run ends here; the
    // periodic check tells the queue once it can.
    if (!this.settled(runId)) {
      const event = this.recorder.end(runId, 'cancelled', null)
      if (event) this.events.publish(event)
    }
    if (this.link.ready()) await this.jobs.close(runId).catch(() => {})
  }

  whenSettled(runId: RunId): Promise<void> {
    return new Promise((resolve) => {
      if (this.settled(runId)) return resolve()
      const off = this.events.subscribe((e: RunEvent) => {
        if (e.runId === runId && (e.type === 'deleted' || (e.type === 'status' && FINAL_STATUSES.includes(e.status)))) {
          off()
          resolve()
        }
      })
    })
  }

  activeWorkerPid(): number | undefined {
    return undefined
  }

  status(): Promise<QueueStatus> {
    return readQueueStatus(this.link, this.store, this.options.localJobs)
  }

  /** Stops following the queue; runs on remote workers carry on, and the next start picks them up. */
  async close(): Promise<void> {
    clearInterval(this.reconcileTimer)
    await this.localWorker?.close()
    await this.inbox.stop()
    await this.reconciling
    await this.link.close()
  }

  private settled(runId: RunId): boolean {
    return !this.store.runs.exists(runId) || FINAL_STATUSES.includes(this.store.runs.get(runId).status)
  }

  private reconcileSoon(): void {
    if (this.reconciling || !this.link.ready()) return
    this.reconciling = this.jobs
      .reconcile()
      .catch((e: Error) => this.options.log(`queue: checking jobs failed (${e.message})`))
      .finally(() => {
        this.reconciling = null
      })
  }

  /** Applies a run's entries in order; an epoch's checkpoint is published for the next attempt once committed. */
  private async receive(runId: RunId, entries: InboxEntry[]): Promise<void> {
    for (const entry of entries) {
      if (!entry.bytes) continue
      const decoded = decodeRecord(entry.bytes)
      if ('problem' in decoded) {
        this.options.log(`queue: skipped a record for run ${runId} that is not one (${decoded.problem})`)
        continue
      }
      const { record } = decoded
      let applied
      try {
        applied = this.applier.apply(runId, record)
      } catch (e) {
        // The database refused the write (disk full…): the run fails rather than train unrecorded.
        const event = this.recorder.end(runId, 'failed', `could not record the run: ${(e as Error).message}`)
        if (event) this.events.publish(event)
        await this.jobs.close(runId)
        return
      }
      for (const event of applied.events) this.events.publish(event)
      if (applied.checkpoint) await this.link.commands.set(runKeys(runId).checkpoint, encodeCheckpoint(applied.checkpoint))
      if (applied.outcome === 'applied') this.options.onRecordApplied?.({ runId, type: record.message.type, sentAt: record.sentAt, appliedAt: Date.now() })
      if (applied.ended) await this.jobs.close(runId)
    }
  }
}

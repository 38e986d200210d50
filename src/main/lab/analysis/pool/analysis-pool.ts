import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { RunId } from '../../../../shared/api'
import { CancelledAnalysis } from '../analysis-job'
import {
  CANCELLED_MESSAGE,
  errorFromWire,
  type AnalysisArgs,
  type AnalysisMethod,
  type AnalysisResult,
  type AnalysisWorkerData,
  type FromWorker,
  type ToWorker,
} from './analysis-protocol'

/** The worker's TypeScript source, run through tsx (the CLI, `seqvae serve`, tests); the desktop passes its built bundle. */
const WORKER_SOURCE = path.join(__dirname, 'analysis-worker.ts')

export interface AnalysisPoolOptions {
  databaseFile: string
  /** The worker's entry: its TypeScript source (default) or a built `.js` bundle. */
  entry?: string
  /** Worker threads (default 2, 1 on a one-core machine): one long report leaves another for quick views. */
  size?: number
}

export interface AnalysisCall {
  /** Aborted when nobody wants the answer any more: a queued request is dropped, a running one stops at its next chunk. */
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

interface Request {
  id: number
  method: AnalysisMethod
  args: unknown[]
  cancel: Int32Array
  call: AnalysisCall
  /** The run the request is about, if any: a worker that served it before has its decoder and scores cached. */
  runId: RunId | null
  resolve: (result: unknown) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  busy: Request | null
  /** Runs this worker has served, most recent last: where to send the next request about one of them. */
  recentRuns: RunId[]
}

/**
 * A few worker threads, started on first use and kept, that run the contract's numeric methods
 * (analysis-tasks.ts) so the serving thread only routes requests and reads small rows. A request
 * waits for an idle worker, preferring one that served its run before; cancelling drops it from
 * the queue or sets its shared flag, which the computation checks between chunks.
 */
export class AnalysisPool {
  private slots: Slot[] | null = null
  private readonly waiting: Request[] = []
  private nextId = 1
  private closed = false

  constructor(private readonly options: AnalysisPoolOptions) {}

  run<M extends AnalysisMethod>(method: M, args: AnalysisArgs<M>, call: AnalysisCall = {}): Promise<AnalysisResult<M>> {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'))
    if (call.signal?.aborted) return Promise.reject(new CancelledAnalysis(CANCELLED_MESSAGE))
    return new Promise((resolve, reject) => {
      const request: Request = {
        id: this.nextId++,
        method,
        args,
        cancel: new Int32Array(new SharedArrayBuffer(4)),
        call,
        runId: typeof args[0] === 'number' ? args[0] : null,
        resolve: resolve as (result: unknown) => void,
        reject,
      }
      call.signal?.addEventListener('abort', () => this.cancel(request), { once: true })
      this.waiting.push(request)
      this.dispatch()
    })
  }

  /** Tells every worker to drop what it keeps about a deleted run. */
  forgetRun(runId: RunId): void {
    this.broadcast({ type: 'forget-run', runId })
  }

  /** Tells every worker to drop a deleted dataset's test set. */
  forgetDataset(dataset: string): void {
    this.broadcast({ type: 'forget-dataset', dataset })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const request of this.waiting.splice(0)) request.reject(new Error('the analysis pool closed'))
    const slots = this.slots ?? []
    this.slots = null
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  private broadcast(message: ToWorker): void {
    for (const slot of this.slots ?? []) slot.worker.postMessage(message)
  }

  private cancel(request: Request): void {
    Atomics.store(request.cancel, 0, 1)
    const queued = this.waiting.indexOf(request)
    if (queued >= 0) {
      this.waiting.splice(queued, 1)
      request.reject(new CancelledAnalysis(CANCELLED_MESSAGE))
    }
  }

  /** Hands waiting requests, oldest first, to idle workers (starting workers only when something waits). */
  private dispatch(): void {
    if (this.waiting.length === 0) return
    const slots = this.startedSlots()
    while (this.waiting.length > 0) {
      const idle = slots.filter((s) => s.busy === null)
      if (idle.length === 0) return
      const request = this.waiting.shift()!
      const slot = idle.find((s) => request.runId !== null && s.recentRuns.includes(request.runId)) ?? idle[0]
      this.assign(slot, request)
    }
  }

  private assign(slot: Slot, request: Request): void {
    slot.busy = request
    if (request.runId !== null) slot.recentRuns = [...slot.recentRuns.filter((r) => r !== request.runId), request.runId].slice(-4)
    const message: ToWorker = { type: 'run', id: request.id, method: request.method, args: request.args, cancel: request.cancel.buffer as SharedArrayBuffer }
    // Held while it works, so a CLI awaiting the answer does not exit; idle, it keeps nothing alive.
    slot.worker.ref()
    slot.worker.postMessage(message)
  }

  private startedSlots(): Slot[] {
    const size = this.options.size ?? Math.min(2, availableParallelism())
    this.slots ??= []
    while (this.slots.length < size) this.slots.push(this.startSlot())
    return this.slots
  }

  private startSlot(): Slot {
    const entry = this.options.entry ?? WORKER_SOURCE
    const data: AnalysisWorkerData = {
      databaseFile: this.options.databaseFile,
      loader: entry.endsWith('.ts') ? require.resolve('tsx/cjs') : null,
      entry,
    }
    // The bootstrap registers the TypeScript loader (source runs only) before the entry loads.
    const bootstrap = `const { workerData } = require('node:worker_threads'); if (workerData.loader) require(workerData.loader); require(workerData.entry)`
    const worker = new Worker(bootstrap, { eval: true, workerData: data })
    const slot: Slot = { worker, busy: null, recentRuns: [] }
    let failure = 'it exited'
    worker.on('message', (message: FromWorker) => this.receive(slot, message))
    worker.on('error', (error) => (failure = error.message))
    worker.on('exit', () => this.replace(slot, failure))
    worker.unref()
    return slot
  }

  private receive(slot: Slot, message: FromWorker): void {
    const request = slot.busy
    if (!request || request.id !== message.id) return
    if (message.type === 'progress') {
      request.call.onProgress?.(message.done, message.total)
      return
    }
    slot.busy = null
    slot.worker.unref()
    if (message.type === 'result') request.resolve(message.result)
    else request.reject(errorFromWire(message.error))
    this.dispatch()
  }

  /**
   * A worker that died fails its request with the reason; another starts when a request waits
   * (not at once: a worker that cannot start would otherwise be restarted for ever).
   */
  private replace(slot: Slot, failure: string): void {
    const index = this.slots?.indexOf(slot) ?? -1
    if (!this.slots || index < 0) return
    this.slots.splice(index, 1)
    slot.busy?.reject(new Error(`an analysis worker stopped: ${failure}`))
    this.dispatch()
  }
}

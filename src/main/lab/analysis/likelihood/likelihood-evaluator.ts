import type { RunId } from '../../../../shared/api'
import { UserError } from '../../../../shared/errors'
import { LikelihoodQuerySchema, type LikelihoodEvaluation, type LikelihoodQueryInput } from '../../../../shared/likelihood-evaluation'
import type { WorkbenchStore } from '../../store/workbench-store'
import { parseQuery } from '../view-query'

export interface LikelihoodProgress {
  runId: RunId
  k: number
  done: number
  total: number
}

/** Computes one estimate elsewhere (an analysis worker: estimateRunLikelihood), reporting progress, stopped by `signal`. */
export type LikelihoodCompute = (
  runId: RunId,
  k: number,
  call: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
) => Promise<LikelihoodEvaluation>

/**
 * The serving thread's side of the test log-likelihood: answers from the stored estimates, has the
 * analysis workers compute a missing one once per (run, K) — concurrent asks share it — stores
 * it, and reports progress at each whole percent. A deleted run or a closing Lab stops its estimate.
 */
export class LikelihoodEvaluator {
  private readonly running = new Map<string, { promise: Promise<LikelihoodEvaluation>; stop: AbortController; runId: RunId }>()
  private closed = false

  constructor(
    private readonly store: WorkbenchStore,
    private readonly compute: LikelihoodCompute,
    private readonly onProgress: (progress: LikelihoodProgress) => void,
    /** A new estimate was stored: the run's summary (its log-likelihood column) changed. */
    private readonly onStored: (runId: RunId) => void,
  ) {}

  async evaluate(runId: RunId, query?: LikelihoodQueryInput): Promise<LikelihoodEvaluation> {
    const { k } = parseQuery(LikelihoodQuerySchema, query)
    // A missing run, or one without stored codes, is reported by the worker's estimate (its first read).
    const cached = this.store.likelihoods.find(runId, k)
    if (cached) return cached
    const key = `${runId}:${k}`
    const running = this.running.get(key)
    if (running) return running.promise
    const stop = new AbortController()
    const promise = this.estimate(runId, k, stop.signal).finally(() => this.running.delete(key))
    this.running.set(key, { promise, stop, runId })
    return promise
  }

  stored(runIds: readonly RunId[]): LikelihoodEvaluation[] {
    for (const id of runIds) this.store.runs.get(id)
    return this.store.likelihoods.forRuns(runIds)
  }

  /** Stops the run's estimates (it is being deleted). */
  forget(runId: RunId): void {
    for (const entry of this.running.values()) if (entry.runId === runId) entry.stop.abort()
  }

  close(): void {
    this.closed = true
    for (const entry of this.running.values()) entry.stop.abort()
  }

  private async estimate(runId: RunId, k: number, signal: AbortSignal): Promise<LikelihoodEvaluation> {
    let shown = -1
    const onProgress = (done: number, total: number) => {
      const percent = Math.floor((100 * done) / total)
      if (percent === shown) return
      shown = percent
      this.onProgress({ runId, k, done, total })
    }
    let evaluation: LikelihoodEvaluation
    try {
      evaluation = await this.compute(runId, k, { signal, onProgress })
    } catch (e) {
      if (signal.aborted) throw this.stopped(runId)
      throw e
    }
    // Deleted (or closing) while the last block was computed: there is nothing left to store it against.
    if (signal.aborted) throw this.stopped(runId)
    this.store.likelihoods.save(evaluation)
    this.onStored(runId)
    return evaluation
  }

  private stopped(runId: RunId): UserError {
    return new UserError(`the likelihood estimate of run ${runId} stopped: ${this.closed ? 'the workbench is closing' : 'the run was deleted'}`, 'conflict')
  }
}

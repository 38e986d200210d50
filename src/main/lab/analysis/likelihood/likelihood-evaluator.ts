import type { RunId } from '../../../../shared/api'
import { UserError } from '../../../../shared/errors'
import { LikelihoodQuerySchema, type LikelihoodEvaluation, type LikelihoodQueryInput } from '../../../../shared/likelihood-evaluation'
import type { WorkbenchStore } from '../../store/workbench-store'
import type { EvaluationSetCache } from '../evaluation-set-cache'
import type { RunDecoder } from '../run-decoder'
import { storedLatents } from '../run-inspector'
import { parseQuery } from '../view-query'
import { estimateLogLikelihood, EstimateStopped } from './iwae-estimator'

/** One seed for every estimate, so asking again after the cache was dropped gives the same figure. */
const SEED = 20_160_501
const REPLICATES = 2

export interface LikelihoodProgress {
  runId: RunId
  k: number
  done: number
  total: number
}

/**
 * Hosts the estimator for the Lab: reads a run's stored codes and evaluation samples, computes an
 * estimate once per (run, K) — concurrent asks share it — stores it, and reports progress at each
 * whole percent. A deleted run or a closing Lab stops its estimate.
 */
export class LikelihoodEvaluator {
  private readonly running = new Map<string, { promise: Promise<LikelihoodEvaluation>; control: { stop: boolean }; runId: RunId }>()
  private closed = false

  constructor(
    private readonly store: WorkbenchStore,
    private readonly decoder: RunDecoder,
    private readonly evaluationSets: EvaluationSetCache,
    private readonly onProgress: (progress: LikelihoodProgress) => void,
  ) {}

  async evaluate(runId: RunId, query?: LikelihoodQueryInput): Promise<LikelihoodEvaluation> {
    const { k } = parseQuery(LikelihoodQuerySchema, query)
    storedLatents(this.store, runId)
    const cached = this.store.likelihoods.find(runId, k)
    if (cached) return cached
    const key = `${runId}:${k}`
    const running = this.running.get(key)
    if (running) return running.promise
    const control = { stop: false }
    const promise = this.compute(runId, k, () => control.stop || this.closed).finally(() => this.running.delete(key))
    this.running.set(key, { promise, control, runId })
    return promise
  }

  stored(runIds: readonly RunId[]): LikelihoodEvaluation[] {
    for (const id of runIds) this.store.runs.get(id)
    return this.store.likelihoods.forRuns(runIds)
  }

  /** Stops the run's estimates (it is being deleted). */
  forget(runId: RunId): void {
    for (const entry of this.running.values()) if (entry.runId === runId) entry.control.stop = true
  }

  close(): void {
    this.closed = true
  }

  private async compute(runId: RunId, k: number, shouldStop: () => boolean): Promise<LikelihoodEvaluation> {
    const { run, cloud } = storedLatents(this.store, runId)
    const started = performance.now()
    const [engine, inputs] = await Promise.all([this.decoder.engineFor(runId), this.evaluationSets.inputs(run.config.dataset, cloud.indices)])
    let shown = -1
    const report = (done: number, total: number) => {
      const percent = Math.floor((100 * done) / total)
      if (percent === shown) return
      shown = percent
      this.onProgress({ runId, k, done, total })
    }
    try {
      const estimate = await estimateLogLikelihood(
        {
          decoder: engine,
          x: inputs.data,
          zMean: cloud.zMean,
          zLogVar: cloud.zLogVar,
          count: cloud.count,
          dim: cloud.dim,
          size: inputs.steps * inputs.features,
          likelihood: run.config.likelihood,
        },
        { k, replicates: REPLICATES, seed: SEED, onProgress: report, shouldStop },
      )
      // Deleted (or closing) during the last block: there is nothing left to store it against.
      if (shouldStop()) throw new EstimateStopped()
      const evaluation: LikelihoodEvaluation = {
        runId,
        k,
        replicates: estimate.replicates,
        seed: SEED,
        samples: estimate.count,
        valuesPerSequence: estimate.size,
        likelihood: run.config.likelihood,
        iwae: estimate.iwae,
        elbo: estimate.elbo,
        spread: estimate.spread,
        seconds: (performance.now() - started) / 1000,
        createdAt: new Date().toISOString(),
      }
      this.store.likelihoods.save(evaluation)
      return evaluation
    } catch (e) {
      if (e instanceof EstimateStopped) throw new UserError(`the likelihood estimate of run ${runId} stopped: ${this.closed ? 'the workbench is closing' : 'the run was deleted'}`, 'conflict')
      throw e
    }
  }
}

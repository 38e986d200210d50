import type { RunId } from '../../../../shared/api'
import type { LikelihoodEvaluation } from '../../../../shared/likelihood-evaluation'
import type { WorkbenchStore } from '../../store/workbench-store'
import type { AnalysisJob } from '../analysis-job'
import type { EvaluationSetCache } from '../evaluation-set-cache'
import type { RunDecoder } from '../run-decoder'
import { storedLatents } from '../run-inspector'
import { estimateLogLikelihood } from './iwae-estimator'

/** One seed for every estimate, so asking again after the stored one was dropped gives the same figure. */
const SEED = 20_160_501
const REPLICATES = 2

/** What an estimate reads: the run's stored codes and weights, and its evaluation samples. */
export interface LikelihoodSources {
  store: WorkbenchStore
  decoder: RunDecoder
  evaluationSets: EvaluationSetCache
}

/**
 * A run's test log-likelihood with K importance samples (IWAE-K and the ELBO from the same draws),
 * computed in an analysis worker: it reads, never writes (the serving thread stores the answer).
 * Progress goes to `job` after each block; a cancelled job stops before the next.
 */
export async function estimateRunLikelihood(sources: LikelihoodSources, runId: RunId, k: number, job: AnalysisJob): Promise<LikelihoodEvaluation> {
  const { run, cloud } = storedLatents(sources.store, runId)
  const started = performance.now()
  const [engine, inputs] = await Promise.all([sources.decoder.engineFor(runId), sources.evaluationSets.inputs(run.config.dataset, cloud.indices)])
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
    {
      k,
      replicates: REPLICATES,
      seed: SEED,
      job,
    },
  )
  return {
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
}

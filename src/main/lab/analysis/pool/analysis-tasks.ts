import { LikelihoodQuerySchema } from '../../../../shared/likelihood-evaluation'
import { latentTimeline } from '../latent-timeline'
import { estimateRunLikelihood } from '../likelihood/run-likelihood'
import { parseQuery } from '../view-query'
import { computeLatentDiagnostics } from '../normality/latent-diagnostics'
import { distributionPlots } from '../normality/distribution-plots'
import { storedLatents } from '../run-inspector'
import type { AnalysisJob } from '../analysis-job'
import type { AnalysisContext } from './analysis-context'
import type { AnalysisArgs, AnalysisMethod, AnalysisResult } from './analysis-protocol'

/** One computation: the worker's context, the contract method's arguments, and the job to report progress to and check for cancellation. */
export type AnalysisTask<M extends AnalysisMethod> = (context: AnalysisContext, args: AnalysisArgs<M>, job: AnalysisJob) => Promise<AnalysisResult<M>>

/**
 * THE table of what analysis workers compute, one entry per contract method that does numeric
 * work. The Lab's method of the same name sends its arguments here (Lab.analyse); the answer comes
 * back by structured clone. A new computation is a name in AnalysisMethod and an entry here.
 */
export const ANALYSIS_TASKS: { [M in AnalysisMethod]: AnalysisTask<M> } = {
  getReconstructions: (c, [id, query]) => c.inspector.getReconstructions(id, query),
  getSampleAcrossRuns: (c, [ids, index]) => c.inspector.getSampleAcrossRuns(ids, index),
  samplePrior: (c, [id, query]) => c.inspector.samplePrior(id, query),
  probeRadii: (c, [id, query]) => c.inspector.probeRadii(id, query),
  traverse: (c, [id, query]) => c.inspector.traverse(id, query),
  interpolate: (c, [id, query]) => c.inspector.interpolate(id, query),
  getLatentProjection: (c, [id, query]) => c.inspector.getLatentProjection(id, query),
  getLatentTimeline: async (c, [id, query]) => latentTimeline(c.store, id, query),
  decodePoints: (c, [id, z, count]) => c.inspector.decodePoints(id, z, count),
  decode: (c, [id, z, count]) => c.inspector.decode(id, z, count),
  getAnomalyReport: (c, [id, query], job) => c.anomalies.report(id, query, job),
  // Only computes: the serving thread's LikelihoodEvaluator answers stored estimates and stores new ones.
  evaluateLikelihood: (c, [id, query], job) => estimateRunLikelihood(c, id, parseQuery(LikelihoodQuerySchema, query).k, job),
  // Is z really N(0, I)? Tests, effect sizes, VAE health and plot data for the run's evaluation codes.
  getLatentDiagnostics: async (c, [id]) => {
    const { cloud } = storedLatents(c.store, id)
    return {
      runId: id,
      diagnostics: computeLatentDiagnostics(cloud.zMean, cloud.zLogVar, cloud.count, cloud.dim),
      plots: distributionPlots(cloud.zMean, cloud.count, cloud.dim),
    }
  },
}

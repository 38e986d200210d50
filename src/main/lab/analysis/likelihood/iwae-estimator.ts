import type { NatsEstimate } from '../../../../shared/likelihood-evaluation'
import type { Likelihood } from '../../../../shared/run-config'
import { SeededRandom } from '../../common/seeded-random'
import type { InferenceEngine } from '../../engines/inference-engine'
import { UNWATCHED_JOB, type AnalysisJob } from '../analysis-job'
import { logLikelihood, logPriorOverPosterior } from './log-density'

/** Decoded rows per engine call: large enough for the fused engine's batched path, small enough to stay a few MB. */
const BLOCK_ROWS = 2048

/** What the estimator reads: a decoder, the sequences and their stored codes (q's parameters). */
export interface LikelihoodProblem {
  decoder: Pick<InferenceEngine, 'decode'>
  /** [count, size] in the model's units. */
  x: Float32Array
  /** [count, dim]: q(z | x) = N(zMean, diag exp(zLogVar)). */
  zMean: Float32Array
  zLogVar: Float32Array
  count: number
  dim: number
  /** Values per sequence (steps × features). */
  size: number
  likelihood: Likelihood
}

export interface EstimateOptions {
  /** Importance samples per estimate (K; 1 is the ELBO). */
  k: number
  /**
   * Independent estimates per sequence, averaged (default 2): their spread is what measures the
   * Monte-Carlo error, which one estimate per sequence cannot (K = 1 has no spread of its own).
   */
  replicates?: number
  seed: number
  /** Told the rows decoded so far of count × replicates × K after every block, and asked to stop before the next (default: unwatched). */
  job?: AnalysisJob
}

export interface LikelihoodEstimate {
  k: number
  replicates: number
  count: number
  size: number
  /** log p(x) ≳ mean over sequences of log (1/K)·Σ_k p(x|z_k)·p(z_k)/q(z_k|x), z_k ~ q(z|x). */
  iwae: NatsEstimate
  /** The ELBO, E_q[log p(x|z) + log p(z) − log q(z|x)], from the same draws. */
  elbo: NatsEstimate
  /** Standard deviation of the per-sequence IWAE estimates: how much log p(x) varies over the samples. */
  spread: number
  /** Each sequence's IWAE estimate (nats), in input order, and its Monte-Carlo standard error. */
  perSequence: Float64Array
  perSequenceError: Float64Array
}

/**
 * The importance-weighted bound of Burda et al. (2016) on every sequence, with the ELBO from the
 * same draws. A pure function of the decoder and the codes: no store, no events (its job reports).
 * Draws are made in row order (sequence, replicate, k) from one seeded stream, so a seed repeats
 * an estimate exactly. Log weights are summed in Float64 with a running log-sum-exp per replicate.
 */
export async function estimateLogLikelihood(problem: LikelihoodProblem, options: EstimateOptions): Promise<LikelihoodEstimate> {
  const { decoder, x, zMean, zLogVar, count, dim, size, likelihood } = problem
  const { k, replicates = 2, seed, job = UNWATCHED_JOB } = options
  if (!Number.isInteger(k) || k < 1) throw new Error(`K must be a positive whole number, got ${k}`)
  if (!Number.isInteger(replicates) || replicates < 2) throw new Error(`replicates must be a whole number of at least 2, got ${replicates}`)
  const groups = count * replicates
  const total = groups * k
  const max = new Float64Array(groups).fill(-Infinity)
  const scaled = new Float64Array(groups)
  const sum = new Float64Array(count)
  const sumSquares = new Float64Array(count)
  const random = new SeededRandom(seed)
  const sigma = Float32Array.from(zLogVar, (v) => Math.exp(0.5 * v))
  const eps = new Float32Array(BLOCK_ROWS * dim)
  const z = new Float32Array(BLOCK_ROWS * dim)
  for (let from = 0; from < total; from += BLOCK_ROWS) {
    job.throwIfCancelled()
    const rows = Math.min(BLOCK_ROWS, total - from)
    random.fillNormal(eps.subarray(0, rows * dim))
    for (let r = 0; r < rows; r++) {
      const sequence = Math.floor((from + r) / (replicates * k))
      for (let d = 0; d < dim; d++) {
        const q = sequence * dim + d
        z[r * dim + d] = zMean[q] + sigma[q] * eps[r * dim + d]
      }
    }
    const means = await decoder.decode(z.subarray(0, rows * dim), rows)
    for (let r = 0; r < rows; r++) {
      const group = Math.floor((from + r) / k)
      const sequence = Math.floor(group / replicates)
      const logWeight = logLikelihood(x, sequence * size, means, r * size, size, likelihood) + logPriorOverPosterior(z, eps, zLogVar, r * dim, sequence * dim, dim)
      sum[sequence] += logWeight
      sumSquares[sequence] += logWeight * logWeight
      if (logWeight > max[group]) {
        scaled[group] = scaled[group] * Math.exp(max[group] - logWeight) + 1
        max[group] = logWeight
      } else {
        scaled[group] += Math.exp(logWeight - max[group])
      }
    }
    job.progress(from + rows, total)
  }
  return summarise(count, size, k, replicates, max, scaled, sum, sumSquares)
}

function summarise(
  count: number,
  size: number,
  k: number,
  replicates: number,
  max: Float64Array,
  scaled: Float64Array,
  sum: Float64Array,
  sumSquares: Float64Array,
): LikelihoodEstimate {
  const perSequence = new Float64Array(count)
  const perSequenceError = new Float64Array(count)
  let iwaeVariance = 0
  let elboVariance = 0
  const draws = replicates * k
  for (let i = 0; i < count; i++) {
    let s = 0
    let ss = 0
    for (let r = 0; r < replicates; r++) {
      const g = i * replicates + r
      const bound = max[g] + Math.log(scaled[g]) - Math.log(k)
      s += bound
      ss += bound * bound
    }
    perSequence[i] = s / replicates
    // The variance of a mean of `replicates` (or `draws`) independent values: their sample variance over their number.
    const variance = sampleVariance(s, ss, replicates) / replicates
    perSequenceError[i] = Math.sqrt(variance)
    iwaeVariance += variance
    elboVariance += sampleVariance(sum[i], sumSquares[i], draws) / draws
  }
  const iwaeMean = mean(perSequence)
  let spread = 0
  for (const v of perSequence) spread += (v - iwaeMean) ** 2
  let elboTotal = 0
  for (const v of sum) elboTotal += v / draws
  return {
    k,
    replicates,
    count,
    size,
    iwae: { mean: iwaeMean, standardError: Math.sqrt(iwaeVariance) / count },
    elbo: { mean: elboTotal / count, standardError: Math.sqrt(elboVariance) / count },
    spread: count > 1 ? Math.sqrt(spread / (count - 1)) : 0,
    perSequence,
    perSequenceError,
  }
}

function sampleVariance(sum: number, sumSquares: number, n: number): number {
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1))
}

function mean(values: Float64Array): number {
  let s = 0
  for (const v of values) s += v
  return s / values.length
}

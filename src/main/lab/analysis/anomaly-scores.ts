import type { Likelihood, RunConfig } from '../../../shared/run-config'
import { sequenceSize, type SequenceSet } from '../data/sequence-set'
import { modelSpecFor } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'
import { createInferenceEngine } from '../engines/engine-factory'
import type { InferenceEngine } from '../engines/inference-engine'
import { SeededRandom } from '../common/seeded-random'
import { perSampleErrors } from './reconstruction-error'
import { UNWATCHED_JOB, type AnalysisJob } from './analysis-job'

export interface AnomalyScoreOptions {
  latentDim: number
  /** The run's likelihood: how `nll` reads the decoded means, and whether `bce` exists (default bernoulli). */
  likelihood?: Likelihood
  /** L, the samples of z per sequence for the reconstruction probability (default 16). */
  samples?: number
  /** Seeds the ε of those samples, so scores are reproducible (default 0). */
  seed?: number
  /** Told after each chunk of sequences; cancelling it stops the scoring before the next. */
  job?: AnalysisJob
}

/** Every score is larger for a worse fit: rank descending to find anomalies. */
export interface AnomalyScores {
  count: number
  steps: number
  /** Samples of z behind `nll` and `stepNll`. */
  samples: number
  /**
   * Mean BCE per value of the reconstruction decoded from z_mean (as stored for a run's test set).
   * NaN for every sequence of a gaussian run, where BCE means nothing (see reconstruction-error.ts).
   */
  bce: Float32Array
  /** Mean squared error per value of that reconstruction. */
  mse: Float32Array
  /** [count, steps]: squared error of each step, averaged over features. */
  stepMse: Float32Array
  /** The largest entry of each sequence's `stepMse`: short events (spikes) that a mean dilutes. */
  maxStepMse: Float32Array
  /**
   * −log of the Monte-Carlo reconstruction probability (An & Cho, 2015), (1/L) Σ_l p(x | z_l) with
   * z_l ~ q(z | x), in nats per sequence, under the run's likelihood, each value's likelihood taken
   * relative to its peak. Bernoulli: the likelihood of a value x in (0, 1) peaks at p = x below 1,
   * at exp(−H(x)); relative to it a sequence does not score high merely for having values near 0.5,
   * and for 0/1 data (H = 0) this is the plain reconstruction probability. Gaussian: the fixed
   * variance σ² = ½ of the training loss (engines/training-engine.ts), whose density peaks at x̂ = x, so
   * each value contributes (x − x̂)² nats: log N(x; x̂, ½) − log N(x; x, ½) = −(x − x̂)².
   */
  nll: Float32Array
  /** [count, steps]: the same for each step on its own (the features of one step together). */
  stepNll: Float32Array
}

const DEFAULT_SAMPLES = 16
/** Rows per decode call: L samples of this many sequences go through the decoder together. */
const DECODE_ROWS = 4096
/** Probabilities are clipped as reconstruction-error.ts does, so a saturated sigmoid stays finite. */
const EPSILON = 1e-7

/**
 * Scores sequences (in model units) with a trained engine: reconstruction errors from the decode
 * of z_mean, and the reconstruction probability from L decodes of sampled z. Per sequence and
 * per step, so a view can show where in a sequence the model was surprised.
 */
export async function anomalyScores(engine: InferenceEngine, set: SequenceSet, options: AnomalyScoreOptions): Promise<AnomalyScores> {
  const { count, steps, features } = set
  const { latentDim } = options
  const likelihood = options.likelihood ?? 'bernoulli'
  const gaussian = likelihood === 'gaussian'
  const samples = options.samples ?? DEFAULT_SAMPLES
  const size = sequenceSize(set)
  const rng = new SeededRandom(options.seed ?? 0)
  const scores: AnomalyScores = {
    count,
    steps,
    samples,
    bce: new Float32Array(count),
    mse: new Float32Array(count),
    stepMse: new Float32Array(count * steps),
    maxStepMse: new Float32Array(count),
    nll: new Float32Array(count),
    stepNll: new Float32Array(count * steps),
  }
  const job = options.job ?? UNWATCHED_JOB
  const chunk = Math.max(1, Math.floor(DECODE_ROWS / samples))
  // Reused by every chunk: a fresh 13 MB decode per chunk spent a tenth of the time faulting in pages.
  const zBuffer = new Float32Array(samples * chunk * latentDim)
  const decoded = new Float32Array(samples * chunk * size)
  const peak = new Float64Array(gaussian ? 0 : chunk * size)
  for (let from = 0; from < count; from += chunk) {
    job.throwIfCancelled()
    const n = Math.min(chunk, count - from)
    const x = set.data.subarray(from * size, (from + n) * size)
    const { zMean, zLogVar } = await engine.encode(x, n)

    const p = await engine.decode(zMean, n)
    const errors = perSampleErrors(x, p, n, size, likelihood)
    scores.bce.set(errors.bce, from)
    scores.mse.set(errors.mse, from)
    for (let i = 0; i < n; i++) {
      let max = 0
      for (let t = 0; t < steps; t++) {
        let e = 0
        for (let k = (i * steps + t) * features, end = k + features; k < end; k++) e += (x[k] - p[k]) ** 2
        e /= features
        scores.stepMse[(from + i) * steps + t] = e
        if (e > max) max = e
      }
      scores.maxStepMse[from + i] = max
    }

    // z for sample l of sequence i sits at row l·n + i, so one decode call covers all L samples.
    const z = zBuffer.subarray(0, samples * n * latentDim)
    for (let l = 0; l < samples; l++) {
      for (let k = 0; k < n * latentDim; k++) z[l * n * latentDim + k] = zMean[k] + Math.exp(0.5 * zLogVar[k]) * rng.normal()
    }
    const sampled = await engine.decode(z, samples * n, decoded)
    // log p(x | x), the Bernoulli likelihood's peak, depends on x alone: once per value, not once per draw.
    if (!gaussian) for (let k = 0; k < n * size; k++) peak[k] = bernoulliLogLikelihood(x[k], x[k])
    const perSequence = new LogMeanExp(n)
    const perStep = new LogMeanExp(n * steps)
    const stepLog = new Float64Array(steps)
    for (let l = 0; l < samples; l++) {
      for (let i = 0; i < n; i++) {
        const q = sampled.subarray((l * n + i) * size, (l * n + i + 1) * size)
        const xi = x.subarray(i * size, (i + 1) * size)
        const peakI = peak.subarray(i * size, (i + 1) * size)
        let total = 0
        for (let t = 0; t < steps; t++) {
          const s = gaussian ? gaussianStepLogLikelihood(xi, q, t * features, (t + 1) * features) : bernoulliStepLogLikelihood(xi, q, peakI, t * features, (t + 1) * features)
          stepLog[t] = s
          total += s
        }
        perSequence.add(i, total)
        for (let t = 0; t < steps; t++) perStep.add(i * steps + t, stepLog[t])
      }
    }
    for (let i = 0; i < n; i++) scores.nll[from + i] = -perSequence.value(i, samples)
    for (let k = 0; k < n * steps; k++) scores.stepNll[from * steps + k] = -perStep.value(k, samples)
    job.progress(from + n, count)
  }
  return scores
}

/** Scores with a run's weights on an engine of its own, released afterwards. */
export async function scoreWithWeights(
  config: RunConfig,
  weights: WeightTensor[],
  set: SequenceSet,
  options: Omit<AnomalyScoreOptions, 'latentDim'>,
): Promise<AnomalyScores> {
  const engine = await createInferenceEngine(config, modelSpecFor(config, set.steps, set.features), weights)
  try {
    return await anomalyScores(engine, set, { ...options, latentDim: config.latentDim, likelihood: config.likelihood })
  } finally {
    engine.dispose()
  }
}

/**
 * Σ over values k in [from, to) of log p(x | p) − log p(x | x) for the Bernoulli likelihood (minus
 * the KL divergence from x to p), with log p(x | x) given as `peak`. A value of exactly 0 or 1 (most
 * of MNIST) needs one logarithm, not two: the term its factor zeroes adds a signed zero, so the
 * sum is the same to the bit.
 */
function bernoulliStepLogLikelihood(x: Float32Array, p: Float32Array, peak: Float64Array, from: number, to: number): number {
  let s = 0
  for (let k = from; k < to; k++) {
    const xk = x[k]
    const q = Math.min(1 - EPSILON, Math.max(EPSILON, p[k]))
    const logLikelihood = xk === 0 ? Math.log(1 - q) : xk === 1 ? Math.log(q) : xk * Math.log(q) + (1 - xk) * Math.log(1 - q)
    s += logLikelihood - peak[k]
  }
  return s
}

/** Σ of log N(x; x̂, σ²) − log N(x; x, σ²) = −(x − x̂)²/(2σ²), with the training loss's σ² = ½, over values in [from, to). */
function gaussianStepLogLikelihood(x: Float32Array, mean: Float32Array, from: number, to: number): number {
  let s = 0
  for (let k = from; k < to; k++) s += -((x[k] - mean[k]) ** 2)
  return s
}

function bernoulliLogLikelihood(x: number, p: number): number {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p))
  return x * Math.log(q) + (1 - x) * Math.log(1 - q)
}

/** log((1/L) Σ exp(a_l)) for many slots at once, accumulated one term at a time without overflow. */
class LogMeanExp {
  private readonly max: Float64Array
  private readonly sum: Float64Array

  constructor(slots: number) {
    this.max = new Float64Array(slots).fill(-Infinity)
    this.sum = new Float64Array(slots)
  }

  add(slot: number, a: number): void {
    if (a > this.max[slot]) {
      this.sum[slot] = this.sum[slot] * Math.exp(this.max[slot] - a) + 1
      this.max[slot] = a
    } else {
      this.sum[slot] += Math.exp(a - this.max[slot])
    }
  }

  value(slot: number, terms: number): number {
    return this.max[slot] + Math.log(this.sum[slot] / terms)
  }
}

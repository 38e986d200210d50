import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RunConfigSchema } from '../../../../../src/shared/run-config'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'
import { findDataset } from '../../../../../src/main/lab/data/dataset-registry'
import { gatherInto, selectSequences, sequenceSize, type SequenceSet } from '../../../../../src/main/lab/data/sequence-set'
import { createEngine } from '../../../../../src/main/lab/engines/engine-factory'
import type { TrainingEngine } from '../../../../../src/main/lab/engines/training-engine'
import { initialWeights } from '../../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../../src/main/lab/model/model-spec'
import { perSampleErrors } from '../../../../../src/main/lab/analysis/reconstruction-error'
import { CancelledAnalysis } from '../../../../../src/main/lab/analysis/analysis-job'
import { estimateLogLikelihood, type LikelihoodProblem } from '../../../../../src/main/lab/analysis/likelihood/iwae-estimator'

const SIZE = 28 * 28
const TRAIN_STEPS = 300
const BATCH = 32

/** A real MNIST model, trained a few hundred Adam steps on test images (enough for z to matter), and the codes of `count` of them. */
async function trainedProblem(test: SequenceSet, latentDim: number, count: number): Promise<{ engine: TrainingEngine; problem: LikelihoodProblem }> {
  const config = RunConfigSchema.parse({ latentDim, klWeight: 0.01 })
  const spec = modelSpecFor(config, 28, 28)
  const engine = await createEngine(config, spec, initialWeights(spec, 7))
  const random = new SeededRandom(7)
  const pool = Int32Array.from({ length: 2000 }, (_, i) => 1000 + i)
  const x = new Float32Array(BATCH * SIZE)
  for (let step = 0; step < TRAIN_STEPS; step++) {
    gatherInto(test, pool, (step * BATCH) % (pool.length - BATCH), BATCH, x)
    await engine.trainStep(x, random.fillNormal(new Float32Array(BATCH * latentDim)), BATCH, config.klWeight)
  }
  const samples = selectSequences(test, Int32Array.from({ length: count }, (_, i) => i))
  const codes = await engine.encode(samples.data, count)
  return { engine, problem: { decoder: engine, x: samples.data, ...codes, count, dim: latentDim, size: sequenceSize(samples), likelihood: 'bernoulli' } }
}

/**
 * The ELBO the textbook way, by code that shares nothing with the estimator: E_q[log p(x|z)] from
 * decodes of z = μ + σ·ε scored by the stored-error function (BCE × values), minus the analytic KL.
 */
async function independentElbo(problem: LikelihoodProblem, draws: number, seed: number): Promise<{ mean: number; standardError: number }> {
  const { count, dim, size, zMean, zLogVar } = problem
  const random = new SeededRandom(seed)
  let total = 0
  let variance = 0
  for (let i = 0; i < count; i++) {
    let kl = 0
    for (let d = 0; d < dim; d++) {
      const m = zMean[i * dim + d]
      const v = zLogVar[i * dim + d]
      kl += -0.5 * (1 + v - m * m - Math.exp(v))
    }
    const z = random.fillNormal(new Float32Array(draws * dim))
    for (let r = 0; r < draws; r++) for (let d = 0; d < dim; d++) z[r * dim + d] = zMean[i * dim + d] + Math.exp(0.5 * zLogVar[i * dim + d]) * z[r * dim + d]
    const xs = new Float32Array(draws * size)
    for (let r = 0; r < draws; r++) xs.set(problem.x.subarray(i * size, (i + 1) * size), r * size)
    const { bce } = perSampleErrors(xs, await problem.decoder.decode(z, draws), draws, size)
    const recon = Array.from(bce, (b) => -b * size)
    const mean = recon.reduce((s, v) => s + v, 0) / draws
    total += mean - kl
    variance += recon.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws - 1) / draws
  }
  return { mean: total / count, standardError: Math.sqrt(variance) / count }
}

/**
 * log p(x) = log ∫ p(x|z)·N(z; 0, I) dz by the midpoint rule on a grid×grid lattice over [−half, half]²,
 * and the posterior's mean and variance per dimension from the same lattice.
 */
async function gridPosterior(problem: LikelihoodProblem, sample: number, half: number, grid: number): Promise<{ logEvidence: number; mean: number[]; variance: number[] }> {
  const h = (2 * half) / grid
  const xs = problem.x.subarray(sample * SIZE, (sample + 1) * SIZE)
  const points: number[][] = []
  const terms: number[] = []
  for (let a = 0; a < grid; a++) {
    const z = new Float32Array(grid * 2)
    for (let b = 0; b < grid; b++) z.set([-half + (a + 0.5) * h, -half + (b + 0.5) * h], b * 2)
    const x = new Float32Array(grid * SIZE)
    for (let b = 0; b < grid; b++) x.set(xs, b * SIZE)
    const { bce } = perSampleErrors(x, await problem.decoder.decode(z, grid), grid, SIZE)
    for (let b = 0; b < grid; b++) {
      points.push([z[b * 2], z[b * 2 + 1]])
      terms.push(-bce[b] * SIZE - 0.5 * (z[b * 2] ** 2 + z[b * 2 + 1] ** 2) - Math.log(2 * Math.PI))
    }
  }
  const max = terms.reduce((m, t) => Math.max(m, t), -Infinity)
  const weights = terms.map((t) => Math.exp(t - max))
  const total = weights.reduce((s, w) => s + w, 0)
  const mean = [0, 1].map((d) => points.reduce((s, p, i) => s + weights[i] * p[d], 0) / total)
  const variance = [0, 1].map((d) => points.reduce((s, p, i) => s + weights[i] * (p[d] - mean[d]) ** 2, 0) / total)
  return { logEvidence: max + Math.log(total) + 2 * Math.log(h), mean, variance }
}

describe('the importance-weighted bound', () => {
  let test: SequenceSet
  let latent3: { engine: TrainingEngine; problem: LikelihoodProblem }
  let latent2: { engine: TrainingEngine; problem: LikelihoodProblem }

  beforeAll(async () => {
    test = (await findDataset('mnist').load()).test
    latent3 = await trainedProblem(test, 3, 200)
    latent2 = await trainedProblem(test, 2, 3)
  }, 120_000)

  afterAll(() => {
    latent3?.engine.dispose()
    latent2?.engine.dispose()
  })

  it('with K = 1 is the ELBO: the same draws give the same figure, and an independent computation agrees within the Monte-Carlo error', async () => {
    const one = await estimateLogLikelihood(latent3.problem, { k: 1, seed: 1 })
    expect(one.iwae.mean).toBeCloseTo(one.elbo.mean, 9)
    expect(one.iwae.standardError).toBeGreaterThan(0)
    const reference = await independentElbo(latent3.problem, 32, 2)
    const error = Math.hypot(one.elbo.standardError, reference.standardError)
    expect(Math.abs(one.elbo.mean - reference.mean)).toBeLessThan(4 * error)
    // Nats per sequence of 784 grey levels: a negative number of hundreds, not a per-value mean.
    expect(one.elbo.mean).toBeLessThan(-50)
  }, 120_000)

  it('rises with K on average and its Monte-Carlo error shrinks (K = 1, 10, 100, 1000), while the ELBO stays put', async () => {
    const estimates = []
    for (const k of [1, 10, 100, 1000]) estimates.push(await estimateLogLikelihood(latent3.problem, { k, seed: 3 }))
    for (let i = 1; i < estimates.length; i++) {
      const [before, after] = [estimates[i - 1], estimates[i]]
      expect(after.iwae.mean).toBeGreaterThan(before.iwae.mean - 3 * Math.hypot(before.iwae.standardError, after.iwae.standardError))
      expect(after.iwae.standardError).toBeLessThan(before.iwae.standardError)
      expect(Math.abs(after.elbo.mean - before.elbo.mean)).toBeLessThan(4 * Math.hypot(before.elbo.standardError, after.elbo.standardError))
    }
    expect(estimates[3].iwae.mean).toBeGreaterThan(estimates[0].iwae.mean)
    expect(estimates[3].iwae.mean - estimates[3].elbo.mean).toBeGreaterThan(0)
  }, 300_000)

  it('agrees with log p(x) integrated over a fine 2-D grid for a latent-2 model, within its Monte-Carlo error', async () => {
    const { problem } = latent2
    const exact = []
    for (let i = 0; i < problem.count; i++) exact.push(await gridPosterior(problem, i, 5, 250))
    // A proposal fitted to the grid's posterior (a little wider, so no weight is huge): the bound is then
    // tight at any K, and what is left is the estimator's arithmetic against the integral.
    const fitted: LikelihoodProblem = {
      ...problem,
      zMean: Float32Array.from(exact.flatMap((e) => e.mean)),
      zLogVar: Float32Array.from(exact.flatMap((e) => e.variance.map((v) => Math.log(1.5 * v)))),
    }
    const tight = await estimateLogLikelihood(fitted, { k: 100, replicates: 8, seed: 4 })
    // The encoder's own q: a lower bound that closes in on log p(x) as K grows.
    const loose = [10, 1000].map((k) => estimateLogLikelihood(problem, { k, replicates: 8, seed: 5 }))
    const [k10, k1000] = await Promise.all(loose)
    for (let i = 0; i < problem.count; i++) {
      const { logEvidence } = exact[i]
      expect(Math.abs(tight.perSequence[i] - logEvidence)).toBeLessThan(4 * tight.perSequenceError[i] + 0.01)
      for (const e of [k10, k1000]) expect(e.perSequence[i]).toBeLessThan(logEvidence + 4 * e.perSequenceError[i])
      expect(k1000.perSequence[i]).toBeGreaterThan(k10.perSequence[i] - 4 * Math.hypot(k10.perSequenceError[i], k1000.perSequenceError[i]))
    }
  }, 300_000)

  it('reports progress up to the total, repeats itself for a seed, and stops when asked', async () => {
    const done: number[] = []
    const a = await estimateLogLikelihood(latent3.problem, { k: 20, seed: 9, job: { progress: (d, total) => done.push(d / total), throwIfCancelled: () => {} } })
    const b = await estimateLogLikelihood(latent3.problem, { k: 20, seed: 9 })
    expect(done.at(-1)).toBe(1)
    expect(done.every((d, i) => i === 0 || d > done[i - 1])).toBe(true)
    expect(b.iwae.mean).toBe(a.iwae.mean)
    let asked = 0
    const stopping = {
      progress: () => {},
      throwIfCancelled: () => {
        if (++asked > 2) throw new CancelledAnalysis('stopped')
      },
    }
    await expect(estimateLogLikelihood(latent3.problem, { k: 20, seed: 9, job: stopping })).rejects.toBeInstanceOf(CancelledAnalysis)
  }, 120_000)
})

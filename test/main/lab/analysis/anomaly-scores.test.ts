import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anomalyScores, scoreWithWeights } from '../../../../src/main/lab/analysis/anomaly-scores'
import { detectionCurves } from '../../../../src/main/lab/analysis/detection-curves'
import { perSampleErrors } from '../../../../src/main/lab/analysis/reconstruction-error'
import { splitDataset } from '../../../../src/main/lab/data/dataset-split'
import { generateSines } from '../../../../src/main/lab/data/synthetic-sines'
import { initialWeights } from '../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../src/main/lab/model/model-spec'
import { createEngine } from '../../../../src/main/lab/engines/engine-factory'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'
import type { TrainingEngine } from '../../../../src/main/lab/engines/training-engine'
import { initialTrainState, trainEpochs, UNWATCHED } from '../../../../src/main/lab/train/training-loop'
import { RunConfigSchema } from '../../../../src/shared/run-config'

const log = Math.log
const bernoulli = (x: number, p: number) => {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p))
  return x * log(q) + (1 - x) * log(1 - q)
}

describe('anomaly scores of an engine', () => {
  const config = RunConfigSchema.parse({ hiddenUnits: 6, latentDim: 2, engine: 'tfjs' })
  const [steps, features, n] = [5, 3, 4]
  const set = generateSines({ count: n, steps, features, seed: 3, anomalyRate: 0 })
  let engine: TrainingEngine

  beforeAll(async () => {
    const spec = modelSpecFor(config, steps, features)
    engine = await createEngine(config, spec, initialWeights(spec, 11))
  })
  afterAll(() => engine.dispose())

  it('give the reconstruction errors of the z_mean decode, per sequence and per step', async () => {
    const s = await anomalyScores(engine, set, { latentDim: 2, samples: 3 })
    const p = await engine.decode((await engine.encode(set.data, n)).zMean, n)
    const reference = perSampleErrors(set.data, p, n, steps * features)
    expect(Array.from(s.bce)).toEqual(Array.from(reference.bce))
    expect(Array.from(s.mse)).toEqual(Array.from(reference.mse))
    for (let i = 0; i < n; i++) {
      const perStep = Array.from(s.stepMse.subarray(i * steps, (i + 1) * steps))
      expect(perStep.reduce((a, b) => a + b) / steps).toBeCloseTo(s.mse[i], 6)
      expect(s.maxStepMse[i]).toBe(Math.max(...perStep))
      let e = 0
      for (let f = 0; f < features; f++) e += (set.data[(i * steps + 2) * features + f] - p[(i * steps + 2) * features + f]) ** 2
      expect(perStep[2]).toBeCloseTo(e / features, 6)
    }
  })

  it('estimate the reconstruction probability by brute force over the same samples of z', async () => {
    const [samples, seed] = [7, 5]
    const s = await anomalyScores(engine, set, { latentDim: 2, samples, seed })
    const { zMean, zLogVar } = await engine.encode(set.data, n)
    const rng = new SeededRandom(seed)
    // ε is drawn sample by sample, sequence by sequence, dimension by dimension.
    const eps = Array.from({ length: samples }, () => Array.from({ length: n * 2 }, () => rng.normal()))
    for (let i = 0; i < n; i++) {
      const probability = new Array<number>(samples)
      const stepProbability = Array.from({ length: steps }, () => new Array<number>(samples))
      for (let l = 0; l < samples; l++) {
        const z = Float32Array.from([0, 1], (d) => zMean[i * 2 + d] + Math.exp(0.5 * zLogVar[i * 2 + d]) * eps[l][i * 2 + d])
        const p = await engine.decode(z, 1)
        let total = 0
        for (let t = 0; t < steps; t++) {
          let step = 0
          for (let f = 0; f < features; f++) {
            const x = set.data[(i * steps + t) * features + f]
            step += bernoulli(x, p[t * features + f]) - bernoulli(x, x)
          }
          stepProbability[t][l] = Math.exp(step)
          total += step
        }
        probability[l] = Math.exp(total)
      }
      const mean = (v: number[]) => v.reduce((a, b) => a + b) / v.length
      expect(s.nll[i]).toBeCloseTo(-log(mean(probability)), 4)
      for (let t = 0; t < steps; t++) expect(s.stepNll[i * steps + t]).toBeCloseTo(-log(mean(stepProbability[t])), 4)
    }
  })

  it('with one sample of z, the per-step scores add up to the sequence score', async () => {
    const s = await anomalyScores(engine, set, { latentDim: 2, samples: 1 })
    for (let i = 0; i < n; i++) {
      const sum = Array.from(s.stepNll.subarray(i * steps, (i + 1) * steps)).reduce((a, b) => a + b)
      expect(sum).toBeCloseTo(s.nll[i], 4)
      expect(s.nll[i]).toBeGreaterThanOrEqual(0) // a likelihood never beats its own peak
    }
  })
})

describe('anomaly scores of a gaussian run', () => {
  // Bidirectional too: the scores must not care how the encoder reads the sequence.
  const config = RunConfigSchema.parse({ hiddenUnits: 6, latentDim: 2, engine: 'fused', likelihood: 'gaussian', bidirectional: true })
  const [steps, features, n] = [5, 3, 4]
  // Real-valued data, as a gaussian run is meant for: centred and scaled.
  const raw = generateSines({ count: n, steps, features, seed: 4, anomalyRate: 0 })
  const set = { ...raw, data: raw.data.map((v) => 3 * (v - 0.5)) }
  const spec = modelSpecFor(config, steps, features)
  const weights = initialWeights(spec, 12)

  it('have no BCE, the MSE of the decoded means, and a Gaussian reconstruction probability of variance ½', async () => {
    const [samples, seed] = [5, 9]
    const s = await scoreWithWeights(config, weights, set, { samples, seed })
    const engine = await createEngine(config, spec, weights)
    try {
      const { zMean, zLogVar } = await engine.encode(set.data, n)
      const means = await engine.decode(zMean, n)
      expect(means.some((v) => v < 0)).toBe(true) // linear means, not probabilities
      expect(Array.from(s.bce).every(Number.isNaN)).toBe(true)
      expect(Array.from(s.mse)).toEqual(Array.from(perSampleErrors(set.data, means, n, steps * features, 'gaussian').mse))
      const rng = new SeededRandom(seed)
      const eps = Array.from({ length: samples }, () => Array.from({ length: n * 2 }, () => rng.normal()))
      for (let i = 0; i < n; i++) {
        const probability: number[] = []
        for (let l = 0; l < samples; l++) {
          const z = Float32Array.from([0, 1], (d) => zMean[i * 2 + d] + Math.exp(0.5 * zLogVar[i * 2 + d]) * eps[l][i * 2 + d])
          const mean = await engine.decode(z, 1)
          // N(x; x̂, ½) relative to its peak N(x; x, ½): exp(−(x − x̂)²) per value.
          let logRatio = 0
          for (let k = 0; k < steps * features; k++) logRatio -= (set.data[i * steps * features + k] - mean[k]) ** 2
          probability.push(Math.exp(logRatio))
        }
        expect(s.nll[i]).toBeCloseTo(-log(probability.reduce((a, b) => a + b) / samples), 4)
        expect(s.nll[i]).toBeGreaterThan(0)
      }
    } finally {
      engine.dispose()
    }
  })

  it('perSampleErrors gives NaN BCE only for the gaussian likelihood', () => {
    const x = Float32Array.from([0, 1, 0.5, 0.25])
    const p = Float32Array.from([0.1, 0.8, 0.5, 0.5])
    const bernoulliErrors = perSampleErrors(x, p, 2, 2)
    const gaussianErrors = perSampleErrors(x, p, 2, 2, 'gaussian')
    expect(Array.from(bernoulliErrors.bce).every(Number.isFinite)).toBe(true)
    expect(Array.from(gaussianErrors.bce).every(Number.isNaN)).toBe(true)
    expect(Array.from(gaussianErrors.mse)).toEqual(Array.from(bernoulliErrors.mse))
    expect(gaussianErrors.mse[0]).toBeCloseTo((0.01 + 0.04) / 2, 6)
  })
})

describe('spike detection on synthetic sines', () => {
  it('reaches a ROC AUC of at least 0.95 after 10 epochs of a tiny run (5 % spikes)', async () => {
    // Short, slow sines (half to one and a half cycles in 16 steps) so a small model learns them in
    // 10 epochs; λ is small because with the loss a mean over values, λ = 0.01 outweighs what a
    // 16-value sequence gains from its code, and the posterior collapses.
    const shape = { steps: 16, anomalyRate: 0.05, anomalyKinds: ['spike'] as const, cycles: [0.5, 1.5] as const }
    const pool = generateSines({ ...shape, count: 1200, seed: 1 })
    const test = generateSines({ ...shape, count: 400, seed: 2 })
    expect(test.labels.reduce((a, b) => a + b)).toBe(20)
    const config = RunConfigSchema.parse({ epochs: 10, hiddenUnits: 32, latentDim: 3, batchSize: 32, learningRate: 0.01, klWeight: 0.001, engine: 'tfjs' })
    const spec = modelSpecFor(config, 16, 1)
    const engine = await createEngine(config, spec, initialWeights(spec, config.seed))
    try {
      await trainEpochs(engine, config, splitDataset(pool, test, config), initialTrainState(config), UNWATCHED)
      const scores = await anomalyScores(engine, test, { latentDim: 3 })
      const spikes = Array.from(test.labels, (l) => l === 1)
      const auc = (key: 'maxStepMse' | 'mse' | 'nll' | 'bce') => detectionCurves(scores[key], spikes).rocAuc
      console.log(`spike ROC AUC after 10 epochs: max_step_mse ${auc('maxStepMse').toFixed(3)}, mse ${auc('mse').toFixed(3)}, nll ${auc('nll').toFixed(3)}, bce ${auc('bce').toFixed(3)}`)
      expect(auc('maxStepMse')).toBeGreaterThanOrEqual(0.95)
      // The per-step scores point at the spike: the step where it was injected is, for nearly every
      // spike, where the model was most surprised (one at the very edge of a series may not be).
      const located = test.anomalies.filter((a) => {
        const steps = Array.from(scores.stepMse.subarray(a.index * 16, (a.index + 1) * 16))
        return steps.indexOf(Math.max(...steps)) === a.step
      })
      console.log(`${located.length} of ${test.anomalies.length} spikes located at their step`)
      expect(located.length).toBeGreaterThanOrEqual(0.9 * test.anomalies.length)
    } finally {
      engine.dispose()
    }
  })
})

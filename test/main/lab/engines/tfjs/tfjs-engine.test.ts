import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, test } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { selectBackend } from '../../../../../src/main/lab/engines/tfjs/backend-selection'
import { createTfjsEngine } from '../../../../../src/main/lab/engines/tfjs/tfjs-engine'
import type { WeightTensor } from '../../../../../src/main/lab/model/weight-layout'
import { vaeReference } from './keras-reference'
import { patternSequences, randomNormal, randomWeights } from './random-fixtures'

const spec: ModelSpec = { cell: 'gru', steps: 6, features: 5, hiddenUnits: 8, latentDim: 2, likelihood: 'bernoulli', bidirectional: false }
const sampleSize = spec.steps * spec.features
const n = 8
const x = patternSequences(spec, n, 1)
const eps = randomNormal(n * spec.latentDim, 2)

beforeAll(async () => {
  await selectBackend('wasm')
})

const engineWith = (weights: WeightTensor[], learningRate = 1e-2, s: ModelSpec = spec) => createTfjsEngine({ spec: s, learningRate, weights, backend: 'wasm' })

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i]), `index ${i}`).toBeLessThan(tolerance)
}

const options = [
  { likelihood: 'bernoulli', bidirectional: false },
  { likelihood: 'gaussian', bidirectional: false },
  { likelihood: 'bernoulli', bidirectional: true },
  { likelihood: 'gaussian', bidirectional: true },
] as const

describe.each(['gru', 'lstm'] as const)('%s engine against the float64 reference', (cell) => {
  test.each(options)('evaluate, encode and decode compute the documented equations ($likelihood, bidirectional $bidirectional)', async (option) => {
    const s: ModelSpec = { ...spec, cell, ...option }
    const weights = randomWeights(s, 3)
    const engine = await engineWith(weights, 1e-2, s)
    const expected = vaeReference(s, weights, x, eps, n, 0.3)
    const losses = await engine.evaluate(x, eps, n, 0.3)
    expectClose([losses.loss, losses.recon, losses.kl], [expected.loss, expected.recon, expected.kl], 1e-5)
    const { zMean, zLogVar } = await engine.encode(x, n)
    expectClose(zMean, expected.zMean, 1e-5)
    expectClose(zLogVar, expected.zLogVar, 1e-5)
    const z = zMean.map((m, i) => m + Math.exp(0.5 * zLogVar[i]) * eps[i])
    expectClose(await engine.decode(z, n), expected.probabilities, 1e-5)
    engine.dispose()
  })
})

test('trainStep reports the loss before its update and applies one Adam step (β1 0.9, β2 0.999, ε 1e-7)', async () => {
  const learningRate = 1e-2
  const engine = await engineWith(randomWeights(spec, 4), learningRate)
  const before = await engine.getWeights()
  const evaluated = await engine.evaluate(x, eps, n, 0.01)
  const trained = await engine.trainStep(x, eps, n, 0.01)
  expect(trained.loss).toBeCloseTo(evaluated.loss, 6)
  expect(trained.recon).toBeCloseTo(evaluated.recon, 6)
  expect(trained.kl).toBeCloseTo(evaluated.kl, 6)

  const state = await engine.getOptimizerState()
  expect(state.step).toBe(1)
  const after = await engine.getWeights()
  state.m.forEach((m, k) => {
    const v = state.v[k]
    expect([m.name, v.name]).toEqual([before[k].name, before[k].name])
    m.values.forEach((mi, i) => {
      // After one step m = (1−β1)·g and v = (1−β2)·g², so v = 0.1·m² …
      expect(v.values[i]).toBeCloseTo((0.1 * mi * mi), 9)
      // … and the update is lr · m̂ / (√v̂ + ε) with the bias corrections of step 1.
      const update = (learningRate * (mi / 0.1)) / (Math.sqrt(v.values[i] / 0.001) + 1e-7)
      expect(after[k].values[i]).toBeCloseTo(before[k].values[i] - update, 6)
    })
  })
  expect(state.m.some((m) => m.values.some((value) => value !== 0))).toBe(true)
  engine.dispose()
})

test('the loss falls over 30 steps on a small learnable dataset', async () => {
  const data = patternSequences(spec, 32, 5)
  const engine = await engineWith(randomWeights(spec, 6, 0.2), 2e-2)
  const losses: number[] = []
  for (let step = 0; step < 30; step++) {
    const offset = (step % 4) * n
    const batch = data.subarray(offset * sampleSize, (offset + n) * sampleSize)
    losses.push((await engine.trainStep(batch, randomNormal(n * spec.latentDim, 100 + step), n, 0.01)).loss)
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
  expect(losses.every(Number.isFinite)).toBe(true)
  // From ≈ ln 2 at the start to the pixel marginals (≈ 0.6) within 30 steps.
  expect(mean(losses.slice(-4))).toBeLessThan(mean(losses.slice(0, 4)) - 0.05)
  engine.dispose()
})

test('a gaussian, bidirectional model lowers its squared error on z-scored data', async () => {
  const s: ModelSpec = { ...spec, likelihood: 'gaussian', bidirectional: true }
  // The binary patterns standardised to mean 0, variance 1, as an imported real-valued dataset would be.
  const data = patternSequences(s, 32, 5).map((v) => (v - 0.3) / Math.sqrt(0.21))
  const engine = await engineWith(randomWeights(s, 6, 0.2), 5e-2, s)
  const losses: number[] = []
  for (let step = 0; step < 40; step++) {
    const offset = (step % 4) * n
    const batch = data.subarray(offset * sampleSize, (offset + n) * sampleSize)
    losses.push((await engine.trainStep(batch, randomNormal(n * s.latentDim, 100 + step), n, 0.01)).recon)
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
  expect(losses.every(Number.isFinite)).toBe(true)
  // The squared error starts near the data's variance (≈ 1); 40 steps take it down by more than 8%.
  expect(mean(losses.slice(0, 4))).toBeGreaterThan(0.9)
  expect(mean(losses.slice(-4))).toBeLessThan(0.92 * mean(losses.slice(0, 4)))
  const decoded = await engine.decode(randomNormal(4 * s.latentDim, 3), 4)
  expect(decoded.some((v) => v < 0 || v > 1)).toBe(true) // linear means, not probabilities
  engine.dispose()
})

test('tf.memory().numTensors stays flat across training and every other call, and returns to its start on dispose', async () => {
  const start = tf.memory().numTensors
  const engine = await engineWith(randomWeights(spec, 7))
  const state = await engine.getOptimizerState()
  const counts: number[] = []
  for (let step = 1; step <= 50; step++) {
    await engine.trainStep(x, eps, n, 0.01)
    await engine.evaluate(x, eps, n, 0.01)
    const { zMean } = await engine.encode(x, n)
    await engine.decode(zMean, n)
    await engine.setWeights(await engine.getWeights())
    if (step % 10 === 0) await engine.setOptimizerState(await engine.getOptimizerState())
    counts[step] = tf.memory().numTensors
  }
  expect(counts[50]).toBe(counts[5])
  await engine.setOptimizerState(state)
  engine.dispose()
  expect(tf.memory().numTensors).toBe(start)
})

test('weights round-trip exactly through setWeights and getWeights, and a wrong shape is refused by name', async () => {
  const engine = await engineWith(randomWeights(spec, 8))
  const weights = randomWeights(spec, 9)
  await engine.setWeights([...weights].reverse())
  const read = await engine.getWeights()
  expect(read.map((w) => w.name)).toEqual(weights.map((w) => w.name))
  read.forEach((w, i) => {
    expect(w.shape).toEqual(weights[i].shape)
    expect(Array.from(w.values)).toEqual(Array.from(weights[i].values))
  })
  // The copies are the caller's: changing them leaves the engine alone.
  read[0].values.fill(0)
  expect(Array.from((await engine.getWeights())[0].values)).toEqual(Array.from(weights[0].values))

  const bad = weights.map((w) => (w.name === 'z_mean/kernel' ? { ...w, shape: [2, 8] } : w))
  await expect(engine.setWeights(bad)).rejects.toThrow(/z_mean\/kernel/)
  engine.dispose()
})

test('an engine restored from weights and optimizer state continues exactly like the original', async () => {
  const batches = [0, 1, 2, 3, 4, 5, 6].map((seed) => ({ x: patternSequences(spec, n, 20 + seed), eps: randomNormal(n * spec.latentDim, 40 + seed) }))
  const step = (engine: Awaited<ReturnType<typeof engineWith>>, b: number) => engine.trainStep(batches[b].x, batches[b].eps, n, 0.01)

  const original = await engineWith(randomWeights(spec, 10))
  for (let b = 0; b < 5; b++) await step(original, b)
  const weights = await original.getWeights()
  const state = await original.getOptimizerState()
  expect(state.step).toBe(5)

  const restored = await engineWith(weights)
  await restored.setOptimizerState(state)
  const reread = await restored.getOptimizerState()
  expect(reread.step).toBe(5)
  expect(reread.m.map((m) => Array.from(m.values))).toEqual(state.m.map((m) => Array.from(m.values)))
  expect(reread.v.map((v) => Array.from(v.values))).toEqual(state.v.map((v) => Array.from(v.values)))

  const fresh = await engineWith(weights) // same weights, Adam starting over: must diverge

  const [a5, b5, c5] = [await step(original, 5), await step(restored, 5), await step(fresh, 5)]
  expect(b5.loss).toBe(a5.loss)
  expect(c5.loss).toBe(a5.loss)
  const [a6, b6, c6] = [await step(original, 6), await step(restored, 6), await step(fresh, 6)]
  // β^t is rebuilt with pow on restore rather than the running product: equal to float32 rounding.
  expect(Math.abs(b6.loss - a6.loss)).toBeLessThan(1e-6)
  expect(Math.abs(c6.loss - a6.loss)).toBeGreaterThan(1e-4)
  for (const engine of [original, restored, fresh]) engine.dispose()
})

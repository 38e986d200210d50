import { describe, expect, it } from 'vitest'
import { initialWeights } from '../../../../../src/main/lab/model/initial-weights'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { weightLayout, type WeightTensor } from '../../../../../src/main/lab/model/weight-layout'
import { createFusedEngine, fusedEngineAvailable, type FusedEngineOptions, type FusedImplementation } from '../../../../../src/main/lab/engines/fused/fused-engine'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'
import type { TrainingEngine } from '../../../../../src/main/lab/engines/training-engine'
import { randomProblem } from './random-problem'

const spec: ModelSpec = { cell: 'gru', steps: 12, features: 10, hiddenUnits: 20, latentDim: 3, likelihood: 'bernoulli', bidirectional: false }
const implementations: FusedImplementation[] = fusedEngineAvailable() ? ['native', 'js'] : ['js']

/** `steps` Adam steps on seeded batches of `batch` samples; returns the losses. */
async function train(engine: TrainingEngine, s: ModelSpec, steps: number, batch: number, seed: number): Promise<number[]> {
  const rng = new SeededRandom(seed)
  const x = new Float32Array(batch * s.steps * s.features)
  const eps = new Float32Array(batch * s.latentDim)
  const losses: number[] = []
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < x.length; j++) x[j] = rng.next() < 0.3 ? 1 : 0
    rng.fillNormal(eps)
    losses.push((await engine.trainStep(x, eps, batch, 0.01)).loss)
  }
  return losses
}

async function withEngine<T>(options: FusedEngineOptions, body: (engine: TrainingEngine) => Promise<T>): Promise<T> {
  const engine = await createFusedEngine(options)
  try {
    return await body(engine)
  } finally {
    engine.dispose()
  }
}

const values = (weights: WeightTensor[]) => weights.map((w) => Array.from(w.values))

describe.each(implementations)('fused engine (%s)', (implementation) => {
  const options = (s: ModelSpec = spec): FusedEngineOptions => ({ spec: s, learningRate: 1e-3, weights: initialWeights(s, 7), implementation })

  it.each(['gru', 'lstm'] as const)('gives identical weights for the same seed and data (%s)', async (cell) => {
    const s = { ...spec, cell }
    const run = () => withEngine(options(s), async (e) => ({ losses: await train(e, s, 15, 33, 3), weights: await e.getWeights() }))
    const [a, b] = [await run(), await run()]
    expect(a.losses).toEqual(b.losses)
    expect(values(a.weights)).toEqual(values(b.weights))
    expect(a.losses.at(-1)).toBeLessThan(a.losses[0])
  })

  it('returns the weights it was given, in the canonical layout', async () => {
    const { weights } = randomProblem(spec, 1, 4)
    await withEngine(options(), async (e) => {
      await e.setWeights([...weights].reverse()) // any order is accepted
      const back = await e.getWeights()
      expect(back.map((w) => [w.name, w.shape])).toEqual(weightLayout(spec).map((w) => [w.name, w.shape]))
      expect(values(back)).toEqual(values(weights))
    })
  })

  it('rejects weights of the wrong shape with the name of the tensor', async () => {
    const wrong = initialWeights({ ...spec, hiddenUnits: 21 }, 1)
    await withEngine(options(), async (e) => {
      await expect(e.setWeights(wrong)).rejects.toThrow(/encoder_rnn\/kernel/)
    })
  })

  it('resumes exactly from saved weights and optimizer state', async () => {
    await withEngine(options(), async (a) => {
      await train(a, spec, 5, 16, 1)
      const weights = await a.getWeights()
      const state = await a.getOptimizerState()
      expect(state.step).toBe(5)
      expect(state.m.map((w) => w.name)).toEqual(weightLayout(spec).map((w) => w.name))
      expect(state.v.some((w) => w.values.some((x) => x > 0))).toBe(true)
      await withEngine({ ...options(), weights }, async (b) => {
        await b.setOptimizerState(state)
        const restored = await b.getOptimizerState()
        expect(restored.step).toBe(5)
        expect(values(restored.m)).toEqual(values(state.m))
        expect(values(restored.v)).toEqual(values(state.v))
        expect(await train(b, spec, 3, 16, 2)).toEqual(await train(a, spec, 3, 16, 2))
        expect(values(await b.getWeights())).toEqual(values(await a.getWeights()))
      })
    })
  })

  it('encodes and decodes in batches of any size', async () => {
    const { x } = randomProblem(spec, 70, 9)
    await withEngine(options(), async (e) => {
      const whole = await e.encode(x, 70)
      const head = await e.encode(x.subarray(0, 3 * spec.steps * spec.features), 3)
      expect(Array.from(head.zMean)).toEqual(Array.from(whole.zMean.subarray(0, 3 * spec.latentDim)))
      expect(Array.from(head.zLogVar)).toEqual(Array.from(whole.zLogVar.subarray(0, 3 * spec.latentDim)))
      const p = await e.decode(whole.zMean, 70)
      expect(p.length).toBe(70 * spec.steps * spec.features)
      expect(p.every((v) => v > 0 && v < 1)).toBe(true)
    })
  })

  it('lowers the squared error of a gaussian, bidirectional model on z-scored data and decodes linear means', async () => {
    const s: ModelSpec = { ...spec, likelihood: 'gaussian', bidirectional: true }
    const batch = 16
    const rng = new SeededRandom(8)
    const x = new Float32Array(batch * s.steps * s.features)
    const eps = new Float32Array(batch * s.latentDim)
    await withEngine({ ...options(s), learningRate: 1e-2 }, async (e) => {
      const recon: number[] = []
      for (let step = 0; step < 100; step++) {
        // Sines of random phase and frequency per feature, amplitude √2: mean 0, variance 1.
        for (let b = 0; b < batch; b++) {
          const phase = rng.next() * 2 * Math.PI
          for (let t = 0; t < s.steps; t++)
            for (let f = 0; f < s.features; f++) x[(b * s.steps + t) * s.features + f] = Math.SQRT2 * Math.sin(phase + (t * (f + 1)) / 3)
        }
        rng.fillNormal(eps)
        recon.push((await e.trainStep(x, eps, batch, 0.01)).recon)
      }
      expect(recon[0]).toBeGreaterThan(0.8)
      expect(recon.slice(-5).reduce((a, b) => a + b) / 5).toBeLessThan(0.7 * recon[0])
      const means = await e.decode((await e.encode(x, batch)).zMean, batch)
      expect(means.some((v) => v < 0) && means.some((v) => v > 1)).toBe(true)
    })
  })

  it('refuses short inputs and use after dispose', async () => {
    const engine = await createFusedEngine(options())
    const eps = new Float32Array(4 * spec.latentDim)
    await expect(engine.trainStep(new Float32Array(10), eps, 4, 0.01)).rejects.toThrow(/x holds 10 values but 4 samples need 480/)
    engine.dispose()
    await expect(engine.getWeights()).rejects.toThrow(/disposed/)
  })
})

describe.runIf(fusedEngineAvailable())('native fused engine', () => {
  const variants = [
    { cell: 'gru', likelihood: 'bernoulli', bidirectional: false },
    { cell: 'lstm', likelihood: 'bernoulli', bidirectional: false },
    { cell: 'gru', likelihood: 'gaussian', bidirectional: true },
    { cell: 'lstm', likelihood: 'gaussian', bidirectional: true },
  ] as const

  it.each(variants)('gives the same weights on one thread as on two ($cell, $likelihood, bidirectional $bidirectional)', async (variant) => {
    const s: ModelSpec = { ...spec, ...variant }
    const run = (threads: number) =>
      withEngine({ spec: s, learningRate: 1e-3, weights: initialWeights(s, 7), implementation: 'native', threads }, async (e) => {
        expect(e.backend).toMatch(new RegExp(`-${threads}t$`))
        await train(e, s, 10, 31, 3)
        return values(await e.getWeights())
      })
    expect(await run(1)).toEqual(await run(2))
  })

  it.each(variants)('trains like the TypeScript implementation ($cell, $likelihood, bidirectional $bidirectional)', async (variant) => {
    const s: ModelSpec = { ...spec, ...variant }
    const run = (implementation: FusedImplementation) =>
      withEngine({ spec: s, learningRate: 1e-3, weights: initialWeights(s, 7), implementation }, (e) => train(e, s, 30, 16, 5))
    const [native, js] = [await run('native'), await run('js')]
    native.forEach((loss, i) => expect(Math.abs(loss - js[i]) / js[i]).toBeLessThan(1e-4))
  })
})

import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { createFusedEngine, fusedEngineAvailable, type FusedEngineOptions, type FusedImplementation } from '../../../../../src/main/lab/engines/fused/fused-engine'
import { randomProblem } from './random-problem'
import { referenceGradients } from './reference-vae-loss'

/** Largest gap between a and b, relative to b's largest magnitude (elementwise ratios blow up near zero). */
function relativeError(a: Float32Array, b: Float32Array): number {
  let gap = 0
  let scale = 0
  for (let i = 0; i < b.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]))
    scale = Math.max(scale, Math.abs(b[i]))
  }
  return gap / Math.max(scale, 1e-30)
}

const gaussian = { likelihood: 'gaussian', bidirectional: false } as const
const bidirectional = { likelihood: 'bernoulli', bidirectional: true } as const
const both = { likelihood: 'gaussian', bidirectional: true } as const

// Sizes off the 8-lane grid exercise the kernels' scalar tails; an odd batch splits unevenly.
const specs: ModelSpec[] = [
  { cell: 'gru', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3, likelihood: 'bernoulli', bidirectional: false },
  { cell: 'lstm', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3, likelihood: 'bernoulli', bidirectional: false },
  { cell: 'gru', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2, likelihood: 'bernoulli', bidirectional: false },
  { cell: 'lstm', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2, likelihood: 'bernoulli', bidirectional: false },
  // A latent wider than the hidden state and the features: every weight matrix has its own shape.
  { cell: 'gru', steps: 3, features: 2, hiddenUnits: 3, latentDim: 17, likelihood: 'bernoulli', bidirectional: false },
  { cell: 'gru', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3, ...gaussian },
  { cell: 'lstm', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2, ...gaussian },
  { cell: 'gru', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3, ...bidirectional },
  { cell: 'lstm', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2, ...bidirectional },
  { cell: 'gru', steps: 3, features: 2, hiddenUnits: 3, latentDim: 17, ...both },
  { cell: 'lstm', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3, ...both },
]

interface Variant {
  implementation: FusedImplementation
  /** Forces the native addon's baseline (non-AVX2) kernels, so both builds are checked on one machine. */
  genericIsa?: boolean
}
const variants: Variant[] = [
  ...(fusedEngineAvailable() ? [{ implementation: 'native' as const }, { implementation: 'native' as const, genericIsa: true }] : []),
  { implementation: 'js' },
]

async function engineFor(variant: Variant, options: Omit<FusedEngineOptions, 'implementation'>) {
  if (variant.genericIsa) process.env.SEQVAE_FUSED_ISA = 'generic'
  try {
    const engine = await createFusedEngine({ ...options, implementation: variant.implementation })
    if (variant.genericIsa) expect(engine.backend).toMatch(/^native-generic-/)
    return engine
  } finally {
    delete process.env.SEQVAE_FUSED_ISA
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu')
})

describe.each(variants)('fused engine ($implementation, generic ISA: $genericIsa) gradients', (variant) => {
  it.each(specs)('equal tfjs autodiff for $cell hidden $hiddenUnits, $likelihood, bidirectional $bidirectional', async (spec) => {
    const n = 5
    const klWeight = 0.3 // large enough that the KL path is tested, not drowned by the BCE
    const { weights, x, eps } = randomProblem(spec, n, 11)
    const reference = referenceGradients(spec, weights, x, eps, n, klWeight)
    const engine = await engineFor(variant, { spec, learningRate: 1e-3, weights })
    try {
      const grads = await engine.gradients(x, eps, n, klWeight)
      const losses = await engine.evaluate(x, eps, n, klWeight)
      expect(Math.abs(losses.loss - reference.loss) / reference.loss).toBeLessThan(1e-5)
      for (const g of grads) {
        const ref = reference.grads.get(g.name) as Float32Array
        expect(relativeError(g.values, ref), g.name).toBeLessThanOrEqual(1e-4)
      }
    } finally {
      engine.dispose()
    }
  })

  it.each(['gru', 'lstm'] as const)('match finite differences of the loss for the backward encoder weights (%s, gaussian)', async (cell) => {
    const spec: ModelSpec = { cell, steps: 5, features: 3, hiddenUnits: 4, latentDim: 2, ...both }
    const n = 3
    const klWeight = 0.3
    const { weights, x, eps } = randomProblem(spec, n, 21)
    const engine = await engineFor(variant, { spec, learningRate: 1e-3, weights })
    try {
      const grads = await engine.gradients(x, eps, n, klWeight)
      const loss = async (name: string, i: number, delta: number) => {
        const moved = weights.map((w) => (w.name === name ? { ...w, values: w.values.map((v, j) => (j === i ? v + delta : v)) } : w))
        await engine.setWeights(moved)
        return (await engine.evaluate(x, eps, n, klWeight)).loss
      }
      const h = 1e-2
      let checked = 0
      for (const name of ['encoder_rnn/backward/kernel', 'encoder_rnn/backward/recurrent_kernel', 'encoder_rnn/backward/bias']) {
        const analytic = (grads.find((g) => g.name === name) as { values: Float32Array }).values
        // Every third entry: all gates and both GRU bias rows get probed.
        for (let i = 0; i < analytic.length; i += 3) {
          const numeric = ((await loss(name, i, h)) - (await loss(name, i, -h))) / (2 * h)
          expect(Math.abs(numeric - analytic[i]), `${name}[${i}]: ${numeric} vs ${analytic[i]}`).toBeLessThan(2e-4 + 0.02 * Math.abs(analytic[i]))
          checked++
        }
        expect(analytic.some((v) => Math.abs(v) > 1e-3), `${name} carries gradient`).toBe(true)
      }
      expect(checked).toBeGreaterThan(20)
    } finally {
      engine.dispose()
    }
  })

  it('adds up gradients across chunks of a long batch', async () => {
    // 150 samples: each half is more than one 64-row chunk.
    const spec: ModelSpec = { cell: 'gru', steps: 3, features: 4, hiddenUnits: 9, latentDim: 2, likelihood: 'bernoulli', bidirectional: false }
    const n = 150
    const { weights, x, eps } = randomProblem(spec, n, 5)
    const reference = referenceGradients(spec, weights, x, eps, n, 0.1)
    const engine = await engineFor(variant, { spec, learningRate: 1e-3, weights })
    try {
      for (const g of await engine.gradients(x, eps, n, 0.1)) {
        expect(relativeError(g.values, reference.grads.get(g.name) as Float32Array), g.name).toBeLessThanOrEqual(1e-4)
      }
    } finally {
      engine.dispose()
    }
  })
})

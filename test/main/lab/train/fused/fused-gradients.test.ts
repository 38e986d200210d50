import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { createFusedEngine, fusedEngineAvailable, type FusedEngineOptions, type FusedImplementation } from '../../../../../src/main/lab/train/fused/fused-engine'
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

// Sizes off the 8-lane grid exercise the kernels' scalar tails; an odd batch splits unevenly.
const specs: ModelSpec[] = [
  { cell: 'gru', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3 },
  { cell: 'lstm', steps: 7, features: 5, hiddenUnits: 11, latentDim: 3 },
  { cell: 'gru', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2 },
  { cell: 'lstm', steps: 4, features: 19, hiddenUnits: 24, latentDim: 2 },
  // A latent wider than the hidden state and the features: every weight matrix has its own shape.
  { cell: 'gru', steps: 3, features: 2, hiddenUnits: 3, latentDim: 17 },
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
  it.each(specs)('equal tfjs autodiff for $cell hidden $hiddenUnits', async (spec) => {
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

  it('adds up gradients across chunks of a long batch', async () => {
    // 150 samples: each half is more than one 64-row chunk.
    const spec: ModelSpec = { cell: 'gru', steps: 3, features: 4, hiddenUnits: 9, latentDim: 2 }
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

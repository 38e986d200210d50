import { expect, it } from 'vitest'
import { initialWeights } from '../../../../../src/main/lab/model/initial-weights'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { createTfjsEngine } from '../../../../../src/main/lab/engines/tfjs/tfjs-engine'
import { createFusedEngine } from '../../../../../src/main/lab/engines/fused/fused-engine'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'
import type { TrainingEngine } from '../../../../../src/main/lab/engines/training-engine'

const STEPS = 200
const BATCH = 16

/** A small model, so 200 tfjs steps take seconds; sizes off the 8-lane grid on purpose. */
const specFor = (option: Pick<ModelSpec, 'cell' | 'likelihood' | 'bidirectional'>): ModelSpec => ({ steps: 6, features: 12, hiddenUnits: 13, latentDim: 3, ...option })

/** Trains on 200 seeded batches of striped sequences (learnable structure, not noise); returns every loss. */
async function train(engine: TrainingEngine, spec: ModelSpec): Promise<number[]> {
  const rng = new SeededRandom(99)
  const x = new Float32Array(BATCH * spec.steps * spec.features)
  const eps = new Float32Array(BATCH * spec.latentDim)
  const losses: number[] = []
  for (let step = 0; step < STEPS; step++) {
    for (let b = 0; b < BATCH; b++) {
      const phase = rng.int(spec.features)
      for (let t = 0; t < spec.steps; t++)
        for (let f = 0; f < spec.features; f++) x[(b * spec.steps + t) * spec.features + f] = (f + t + phase) % 4 === 0 ? 0.9 : 0.1 * rng.next()
    }
    rng.fillNormal(eps)
    losses.push((await engine.trainStep(x, eps, BATCH, 0.01)).loss)
  }
  return losses
}

it.each([
  { cell: 'gru', likelihood: 'bernoulli', bidirectional: false },
  { cell: 'lstm', likelihood: 'bernoulli', bidirectional: false },
  { cell: 'gru', likelihood: 'gaussian', bidirectional: true },
  { cell: 'lstm', likelihood: 'bernoulli', bidirectional: true },
] as const)('fused and tfjs engines train alike over 200 steps ($cell, $likelihood, bidirectional $bidirectional)', async (option) => {
  const spec = specFor(option)
  const weights = initialWeights(spec, 3)
  const tfjs = await createTfjsEngine({ spec, learningRate: 3e-3, weights, backend: 'wasm' })
  const fused = await createFusedEngine({ spec, learningRate: 3e-3, weights })
  try {
    const [a, b] = [await train(fused, spec), await train(tfjs, spec)]
    expect(a[STEPS - 1]).toBeLessThan(0.9 * a[0]) // it did learn
    const gap = (i: number) => Math.abs(a[i] - b[i]) / b[i]
    expect(gap(0)).toBeLessThan(1e-5)
    for (let i = 0; i < STEPS; i++) expect(gap(i), `step ${i + 1}`).toBeLessThan(0.01)
  } finally {
    fused.dispose()
    tfjs.dispose()
  }
})

import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { sizeOf, weightLayout, type WeightTensor } from '../../../../../src/main/lab/model/weight-layout'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

/** Random weights (biases included, so every gradient path carries signal), data in [0, 1) and noise. */
export function randomProblem(spec: ModelSpec, n: number, seed: number, weightScale = 0.4) {
  const rng = new SeededRandom(seed)
  const weights: WeightTensor[] = weightLayout(spec).map((ws) => {
    const values = new Float32Array(sizeOf(ws.shape))
    for (let i = 0; i < values.length; i++) values[i] = rng.normal() * weightScale
    return { name: ws.name, shape: [...ws.shape], values }
  })
  const x = new Float32Array(n * spec.steps * spec.features)
  for (let i = 0; i < x.length; i++) x[i] = rng.next()
  const eps = rng.fillNormal(new Float32Array(n * spec.latentDim))
  return { weights, x, eps }
}

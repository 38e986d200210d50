import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { sizeOf, weightLayout, type WeightTensor } from '../../../../../src/main/lab/model/weight-layout'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

/** Weights drawn uniformly from ±scale, biases included, so that every term of every equation matters. */
export function randomWeights(spec: ModelSpec, seed: number, scale = 0.5): WeightTensor[] {
  const rng = new SeededRandom(seed)
  return weightLayout(spec).map((ws) => ({
    name: ws.name,
    shape: [...ws.shape],
    values: Float32Array.from({ length: sizeOf(ws.shape) }, () => (rng.next() * 2 - 1) * scale),
  }))
}

export function randomUniform(length: number, seed: number, scale = 1): Float32Array {
  const rng = new SeededRandom(seed)
  return Float32Array.from({ length }, () => (rng.next() * 2 - 1) * scale)
}

export function randomNormal(length: number, seed: number): Float32Array {
  return new SeededRandom(seed).fillNormal(new Float32Array(length))
}

/**
 * A small learnable dataset: each sample is one of `patterns` fixed binary sequences with a few
 * pixels flipped, so a VAE can lower its loss quickly by learning the patterns.
 */
export function patternSequences(spec: ModelSpec, n: number, seed: number, patterns = 4): Float32Array {
  const rng = new SeededRandom(seed)
  const size = spec.steps * spec.features
  const prototypes = Array.from({ length: patterns }, () => Float32Array.from({ length: size }, () => (rng.next() < 0.3 ? 1 : 0)))
  const out = new Float32Array(n * size)
  for (let b = 0; b < n; b++) {
    const sample = prototypes[b % patterns].map((v) => (rng.next() < 0.05 ? 1 - v : v))
    out.set(sample, b * size)
  }
  return out
}

import { SeededRandom } from '../common/seeded-random'
import type { ModelSpec } from './model-spec'
import { sizeOf, weightLayout, type WeightSpec, type WeightTensor } from './weight-layout'

/**
 * Keras's default initialisers (glorot_uniform kernels, orthogonal recurrent kernels, zero biases,
 * LSTM forget-gate bias 1) drawn from our own seeded PRNG, so every engine starts from the same
 * weights for the same seed.
 */
export function initialWeights(spec: ModelSpec, seed: number): WeightTensor[] {
  const rng = new SeededRandom(seed ^ 0x5eed)
  return weightLayout(spec).map((ws) => ({ name: ws.name, shape: [...ws.shape], values: initialise(ws, spec, rng) }))
}

function initialise(ws: WeightSpec, spec: ModelSpec, rng: SeededRandom): Float32Array {
  const out = new Float32Array(sizeOf(ws.shape))
  switch (ws.init) {
    case 'zeros':
      return out
    case 'lstm-bias': {
      // Keras unit_forget_bias: gates i, f, c, o; the forget block starts at 1.
      const u = spec.hiddenUnits
      out.fill(1, u, 2 * u)
      return out
    }
    case 'glorot': {
      const [fanIn, fanOut] = ws.shape
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit
      return out
    }
    case 'orthogonal':
      return orthogonalBlocks(ws.shape[0], ws.shape[1], rng)
  }
}

/**
 * Keras's Orthogonal initialiser on a [rows, cols] matrix with cols ≥ rows: rows are orthonormal
 * (QR of a Gaussian matrix via modified Gram–Schmidt, in float64).
 */
function orthogonalBlocks(rows: number, cols: number, rng: SeededRandom): Float32Array {
  const tall = rows > cols
  const [r, c] = tall ? [cols, rows] : [rows, cols]
  const m: Float64Array[] = Array.from({ length: r }, () => {
    const row = new Float64Array(c)
    for (let j = 0; j < c; j++) row[j] = rng.normal()
    return row
  })
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < i; k++) {
      let dot = 0
      for (let j = 0; j < c; j++) dot += m[i][j] * m[k][j]
      for (let j = 0; j < c; j++) m[i][j] -= dot * m[k][j]
    }
    let norm = 0
    for (let j = 0; j < c; j++) norm += m[i][j] * m[i][j]
    norm = Math.sqrt(norm) || 1
    for (let j = 0; j < c; j++) m[i][j] /= norm
  }
  const out = new Float32Array(rows * cols)
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      if (tall) out[j * cols + i] = m[i][j]
      else out[i * cols + j] = m[i][j]
    }
  }
  return out
}

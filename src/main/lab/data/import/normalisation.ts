import type { Normalisation, NormalisationKind } from '../../../../shared/datasets'

/**
 * Per-feature normalisation, fitted once at import and stored with the dataset so model outputs
 * can be mapped back to the file's units. `normalised = (original − offset) / scale`.
 *
 * - `min-max` maps each feature's range onto [0, 1]: what the Bernoulli/BCE decoder expects.
 * - `z-score` gives each feature mean 0 and standard deviation 1: for a Gaussian/MSE decoder.
 * - `none` keeps the values (offset 0, scale 1), e.g. for data already in [0, 1].
 *
 * A constant feature has no range to map: its scale is 1, so it normalises to 0 (min-max, z-score).
 * This fits over every value of each feature in row-major `[…, features]` data.
 */
export function fitNormalisation(kind: NormalisationKind, data: Float32Array, features: number): Normalisation {
  const offset = new Array<number>(features).fill(0)
  const scale = new Array<number>(features).fill(1)
  if (kind === 'none') return { kind, offset, scale }
  const count = data.length / features
  for (let f = 0; f < features; f++) {
    if (kind === 'min-max') {
      let min = Infinity
      let max = -Infinity
      for (let i = f; i < data.length; i += features) {
        if (data[i] < min) min = data[i]
        if (data[i] > max) max = data[i]
      }
      offset[f] = min
      scale[f] = max > min ? max - min : 1
    } else {
      // Two passes in float64: the one-pass formula loses digits when the mean dwarfs the spread.
      let sum = 0
      for (let i = f; i < data.length; i += features) sum += data[i]
      const mean = sum / count
      let squares = 0
      for (let i = f; i < data.length; i += features) squares += (data[i] - mean) ** 2
      const sd = Math.sqrt(squares / count)
      offset[f] = mean
      scale[f] = sd > 0 ? sd : 1
    }
  }
  return { kind, offset, scale }
}

/**
 * Original units → model units, into a new array. Data the normalisation was fitted on lands in
 * [0, 1] exactly under min-max (monotone rounding keeps the ends); new data scored later may fall
 * outside, and is left there rather than clipped, so an out-of-range value still scores as unusual.
 */
export function normalise(data: Float32Array, n: Normalisation): Float32Array {
  const features = n.offset.length
  const out = new Float32Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const f = i % features
    out[i] = (data[i] - n.offset[f]) / n.scale[f]
  }
  return out
}

/** Model units (e.g. decoded probabilities) → the file's original units, into a new array. */
export function denormalise(data: Float32Array, n: Normalisation): Float32Array {
  const features = n.offset.length
  const out = new Float32Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const f = i % features
    out[i] = data[i] * n.scale[f] + n.offset[f]
  }
  return out
}

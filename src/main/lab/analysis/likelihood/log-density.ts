import type { Likelihood } from '../../../../shared/run-config'

/**
 * Clip as Keras does (and as the stored reconstruction errors are clipped), so a probability that
 * rounded to exactly 0 or 1 in Float32 costs at most −log 1e-7 ≈ 16.1 nats per value, never ∞.
 */
const EPSILON = 1e-7
const HALF_LOG_PI = 0.5 * Math.log(Math.PI)
const PRODUCT_RUN = 32

/**
 * log p(x | z) in nats for one sequence of `size` values, of the values at `xOffset` in `x`, from the decoded means at
 * `pOffset` in `p`:
 *   bernoulli: Σ x·log p + (1 − x)·log(1 − p) — for x in [0, 1] (MNIST's grey levels included; it
 *     is then the training loss's cross-entropy, not a normalised density over grey levels);
 *   gaussian: Σ log N(x; x̂, σ² = ½) = −Σ (x − x̂)² − size·½·log π — the fixed variance the training
 *     loss's squared error implies (training-engine.ts), in the model's (normalised) units.
 */
export function logLikelihood(x: Float32Array, xOffset: number, p: Float32Array, pOffset: number, size: number, likelihood: Likelihood): number {
  let sum = 0
  if (likelihood === 'gaussian') {
    for (let j = 0; j < size; j++) sum -= (x[xOffset + j] - p[pOffset + j]) ** 2
    return sum - size * HALF_LOG_PI
  }
  // Values of exactly 0 or 1 (most of MNIST's) multiply their probabilities, one log per
  // PRODUCT_RUN of them: each factor is at least 1e-7, so a run's product stays above 1e-224.
  let product = 1
  let factors = 0
  for (let j = 0; j < size; j++) {
    const t = x[xOffset + j]
    const q = Math.min(1 - EPSILON, Math.max(EPSILON, p[pOffset + j]))
    if (t === 0 || t === 1) {
      product *= t === 1 ? q : 1 - q
      if (++factors === PRODUCT_RUN) {
        sum += Math.log(product)
        product = 1
        factors = 0
      }
    } else {
      sum += t * Math.log(q) + (1 - t) * Math.log(1 - q)
    }
  }
  return sum + Math.log(product)
}

/**
 * log p(z) − log q(z | x) for z = μ + σ·ε with p = N(0, I) and q = N(μ, diag σ²), σ² = exp(logσ²):
 * −½·Σ_d (z_d² − ε_d² − logσ²_d); the two −½·log 2π terms cancel.
 */
export function logPriorOverPosterior(z: Float32Array, eps: Float32Array, zLogVar: Float32Array, zOffset: number, varOffset: number, dim: number): number {
  let sum = 0
  for (let d = 0; d < dim; d++) sum += z[zOffset + d] ** 2 - eps[zOffset + d] ** 2 - zLogVar[varOffset + d]
  return -0.5 * sum
}


import type { Likelihood } from '../../../shared/run-config'

/** Clip as Keras does, so an exact 0 or 1 from the sigmoid never gives an infinite BCE. */
const EPSILON = 1e-7

/**
 * Per-sample reconstruction errors of the decoded means `p` against targets `x`, both [n, size]:
 * BCE and MSE averaged over the sample's steps × features. BCE is the Bernoulli loss, meaningful
 * only for a bernoulli run's probabilities in [0, 1]; for a gaussian run (`p` are real-valued
 * means) it is NaN, so nothing ranks or averages by it by mistake. MSE is defined for both.
 */
export function perSampleErrors(
  x: Float32Array,
  p: Float32Array,
  n: number,
  size: number,
  likelihood: Likelihood = 'bernoulli',
): { bce: Float32Array; mse: Float32Array } {
  const withBce = likelihood === 'bernoulli'
  const bce = new Float32Array(n)
  const mse = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    let b = 0
    let m = 0
    for (let j = i * size; j < (i + 1) * size; j++) {
      const t = x[j]
      if (withBce) {
        const q = Math.min(1 - EPSILON, Math.max(EPSILON, p[j]))
        b -= t * Math.log(q) + (1 - t) * Math.log(1 - q)
      }
      m += (t - p[j]) ** 2
    }
    bce[i] = withBce ? b / size : NaN
    mse[i] = m / size
  }
  return { bce, mse }
}

import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'
import { logLikelihood, logPriorOverPosterior } from '../../../../../src/main/lab/analysis/likelihood/log-density'
import { perSampleErrors } from '../../../../../src/main/lab/analysis/reconstruction-error'

describe('the log-densities of the importance weights', () => {
  it('Bernoulli: the clipped cross-entropy per value, summed, whether values are 0, 1 or grey and probabilities saturate', () => {
    const random = new SeededRandom(3)
    const size = 784
    const x = Float32Array.from({ length: size }, (_, j) => (j % 5 === 0 ? random.next() : j % 7 === 0 ? 1 : 0))
    // Probabilities down to exact 0 and 1, which only the clip keeps finite.
    const p = Float32Array.from({ length: 2 * size }, (_, j) => (j % 97 === 0 ? 0 : j % 89 === 0 ? 1 : random.next()))
    for (const row of [0, 1]) {
      const { bce } = perSampleErrors(x, p.subarray(row * size, (row + 1) * size), 1, size, 'bernoulli')
      expect(logLikelihood(x, 0, p, row * size, size, 'bernoulli')).toBeCloseTo(-bce[0] * size, 3)
    }
  })

  it('Gaussian: log N(x; x̂, ½) summed, the variance that squared error implies', () => {
    const x = Float32Array.of(0.5, -1, 2)
    const mean = Float32Array.of(9, 0.25, -1, 2.5)
    const expected = [0.25 - 0.5, -1 + 1, 2.5 - 2].reduce((s, d) => s - d * d - 0.5 * Math.log(Math.PI), 0)
    expect(logLikelihood(x, 0, mean, 1, 3, 'gaussian')).toBeCloseTo(expected, 12)
    // Each term is the normal density with σ² = ½: N(x; m, ½) = exp(−(x − m)²)/√π.
    expect(Math.exp(logLikelihood(Float32Array.of(0.3), 0, Float32Array.of(0.1), 0, 1, 'gaussian'))).toBeCloseTo(Math.exp(-0.04) / Math.sqrt(Math.PI), 6)
  })

  it('log p(z) − log q(z|x) of z = μ + σ·ε matches the two normal densities written out', () => {
    const mu = [0.3, -1.2]
    const logVar = Float32Array.of(-0.5, 0.7)
    const eps = Float32Array.of(1.1, -0.4)
    const z = Float32Array.from(mu, (m, d) => m + Math.exp(0.5 * logVar[d]) * eps[d])
    const logNormal = (v: number, m: number, variance: number) => -0.5 * Math.log(2 * Math.PI * variance) - (v - m) ** 2 / (2 * variance)
    const expected = [0, 1].reduce((s, d) => s + logNormal(z[d], 0, 1) - logNormal(z[d], mu[d], Math.exp(logVar[d])), 0)
    expect(logPriorOverPosterior(z, eps, logVar, 0, 0, 2)).toBeCloseTo(expected, 5)
  })
})

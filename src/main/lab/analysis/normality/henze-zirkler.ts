/**
 * Henze–Zirkler (1990) test of multivariate normality, with the statistic, smoothing parameter and
 * log-normal p-value of R `MVN` / pingouin `multivariate_normality`:
 *   HZ = n·[ (1/n²) Σⱼₖ e^(−β²Dⱼₖ/2) − 2(1+β²)^(−d/2) (1/n) Σⱼ e^(−β²Dⱼ/(2(1+β²))) + (1+2β²)^(−d/2) ],
 * Dⱼₖ = |yⱼ − yₖ|², Dⱼ = |yⱼ|² in whitened coordinates (covariance with divisor n),
 * β = (1/√2)·((2d+1)/4)^(1/(d+4))·n^(1/(d+4)). SciPy has none; the reference is numpy from this formula.
 * The double sum is O(n²), so callers pass a strided subsample above a cap.
 */
import type { HenzeZirklerResult } from '../../../../shared/latent-diagnostics'
import { gaussianKernelSums } from './gaussian-kernel-sums'
import { normalSf } from './special-functions'

export function henzeZirkler(whitened: Float64Array, n: number, dim: number): HenzeZirklerResult {
  const p = dim
  const beta = Math.SQRT1_2 * ((2 * p + 1) / 4) ** (1 / (p + 4)) * n ** (1 / (p + 4))
  const b2 = beta * beta
  const pairScale = -b2 / 2
  const centreScale = -b2 / (2 * (1 + b2))
  const sums = gaussianKernelSums(whitened, n, dim, centreScale, pairScale)
  const pairSum = n + sums.pairs // plus the j = k terms, e⁰ each
  const centreSum = sums.centre
  const statistic = n * (pairSum / (n * n) - 2 * (1 + b2) ** (-p / 2) * (centreSum / n) + (1 + 2 * b2) ** (-p / 2))
  // Mean and variance of HZ under normality (Henze & Zirkler 1990), matched by a log-normal.
  const a = 1 + 2 * b2
  const wb = (1 + b2) * (1 + 3 * b2)
  const b4 = b2 * b2
  const b8 = b4 * b4
  const mu = 1 - a ** (-p / 2) * (1 + (p * b2) / a + (p * (p + 2) * b4) / (2 * a * a))
  const si2 =
    2 * (1 + 4 * b2) ** (-p / 2) +
    2 * a ** -p * (1 + (2 * p * b4) / (a * a) + (3 * p * (p + 2) * b8) / (4 * a ** 4)) -
    4 * wb ** (-p / 2) * (1 + (3 * p * b4) / (2 * wb) + (p * (p + 2) * b8) / (2 * wb * wb))
  const logMean = Math.log(Math.sqrt(mu ** 4 / (si2 + mu * mu)))
  const logSd = Math.sqrt(Math.log1p(si2 / (mu * mu)))
  const pValue = statistic > 0 ? normalSf((Math.log(statistic) - logMean) / logSd) : 1
  return { statistic, pValue, beta, sampleSize: n }
}

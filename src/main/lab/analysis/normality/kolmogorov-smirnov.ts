/**
 * One-sample Kolmogorov–Smirnov test against N(0, 1), as `scipy.stats.kstest(x, 'norm')` with its
 * default method (exact two-sided distribution of D_n, see `kolmogorov-distribution.ts`).
 * Unlike Shapiro–Wilk and Anderson–Darling this tests the prior itself, mean and scale included.
 */
import type { TestResult } from '../../../../shared/latent-diagnostics'
import { kolmogorovSmirnovSf } from './kolmogorov-distribution'
import { normalCdf } from './special-functions'

export function kolmogorovSmirnovStandardNormal(values: ArrayLike<number>): TestResult {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  let dPlus = -Infinity
  let dMinus = -Infinity
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(sorted[i])
    dPlus = Math.max(dPlus, (i + 1) / n - cdf)
    dMinus = Math.max(dMinus, cdf - i / n)
  }
  const statistic = Math.max(dPlus, dMinus)
  return { statistic, pValue: kolmogorovSmirnovSf(n, statistic) }
}

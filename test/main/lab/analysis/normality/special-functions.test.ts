import { describe, it } from 'vitest'
import { kolmogorovSmirnovSf } from '../../../../../src/main/lab/analysis/normality/kolmogorov-distribution'
import { chiSquareSf, logNormalCdf, normalCdf } from '../../../../../src/main/lab/analysis/normality/special-functions'
import { expectStatistic, fixture } from './normality-fixture'

describe('special functions against SciPy', () => {
  it('normal CDF and its log match scipy.stats.norm across both tails', () => {
    for (const [x, expected] of fixture.special.normalCdf) expectStatistic(normalCdf(x), expected, `Φ(${x})`)
    for (const [x, expected] of fixture.special.logNormalCdf) expectStatistic(logNormalCdf(x), expected, `log Φ(${x})`)
  })

  it('χ² tail probabilities match scipy.stats.chi2.sf, up to tens of thousands of degrees of freedom', () => {
    for (const [x, df, expected] of fixture.special.chiSquareSf) expectStatistic(chiSquareSf(x, df), expected, `χ²(${x}; ${df})`)
  })

  it('the exact two-sided KS distribution matches scipy.stats.kstwo.sf on every algorithm branch', () => {
    // Held to the statistics' 1e-6 relative tolerance, far tighter than the p-values' 1e-4.
    for (const [n, d, expected] of fixture.special.kolmogorovSmirnovSf) expectStatistic(kolmogorovSmirnovSf(n, d), expected, `kstwo.sf(${d}, ${n})`)
  })
})

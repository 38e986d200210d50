import { describe, expect, it } from 'vitest'
import { distributionPlots, normalQuantile } from '../../../../../src/main/lab/analysis/normality/distribution-plots'

describe('distribution plots', () => {
  it('inverts the normal CDF (scipy.stats.norm.ppf values)', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 10)
  })

  it('puts every code in the histogram and lays Q-Q points on the diagonal for normal quantiles', () => {
    const n = 1000
    // Exact N(0,1) quantiles as the "codes" in dim 0, a constant in dim 1.
    const codes = new Float64Array(n * 2)
    for (let i = 0; i < n; i++) codes[i * 2] = normalQuantile((i + 0.5) / n)
    const [d0, d1] = distributionPlots(codes, n, 2, 100, 40)
    expect(d0.histogram.counts.reduce((a, b) => a + b, 0)).toBe(n)
    expect(d0.histogram.edges[0]).toBe(-4)
    expect(d0.qq.theoretical).toHaveLength(100)
    for (let k = 0; k < 100; k++) expect(Math.abs(d0.qq.sample[k] - d0.qq.theoretical[k])).toBeLessThan(0.05)
    expect(d1.histogram.counts[20]).toBe(n) // all zeros land in the bin starting at 0
  })
})

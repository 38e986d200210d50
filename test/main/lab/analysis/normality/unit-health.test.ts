import { describe, expect, it } from 'vitest'
import { describeDimension } from '../../../../../src/main/lab/analysis/normality/dimension-normality'
import { sampleAggregatePosterior, unitHealth } from '../../../../../src/main/lab/analysis/normality/unit-health'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

describe('unitHealth', () => {
  it('averages the analytic KL to the prior per unit', () => {
    // Codes (μ, log σ²): (1, 0) has KL ½; (−1, log 4) has ½(1 + 4 − 1 − log 4).
    const [unit] = unitHealth([1, -1], [0, Math.log(4)], 2, 1)
    expect(unit.klToPrior).toBeCloseTo((0.5 + 0.5 * (4 - Math.log(4))) / 2, 12)
    expect(unit.mean).toBe(0)
    expect(unit.meanVariance).toBeCloseTo(2, 12)
    expect(unit.meanPosteriorVariance).toBeCloseTo(2.5, 12)
    expect(unit.aggregateVariance).toBeCloseTo(4.5, 12)
  })

  it('calls a unit active when Var(μ) exceeds 0.01, and a collapsed unit costs no KL', () => {
    const random = new SeededRandom(2)
    const n = 1000
    const zMean = new Float32Array(n * 2)
    const zLogVar = new Float32Array(n * 2)
    for (let i = 0; i < n; i++) {
      zMean[i * 2] = 0.2 * random.normal() // Var ≈ 0.04: active
      zMean[i * 2 + 1] = 0.05 * random.normal() // Var ≈ 0.0025: inactive
      zLogVar[i * 2] = Math.log(0.96)
    }
    const [active, collapsed] = unitHealth(zMean, zLogVar, n, 2)
    expect(active.active).toBe(true)
    expect(collapsed.active).toBe(false)
    expect(collapsed.klToPrior).toBeLessThan(0.01)
    // Var(μ) + E[σ²] ≈ 1 for both: the aggregate posterior has the prior's variance.
    expect(active.aggregateVariance).toBeCloseTo(1, 1)
    expect(collapsed.aggregateVariance).toBeCloseTo(1, 1)
  })
})

describe('sampleAggregatePosterior', () => {
  it('draws z = μ + σε reproducibly, and q(z) is N(0, 1) when Var(μ) + E[σ²] = 1 with Gaussian μ', () => {
    const random = new SeededRandom(8)
    const n = 5000
    const zMean = new Float32Array(n)
    const zLogVar = new Float32Array(n).fill(Math.log(0.36))
    for (let i = 0; i < n; i++) zMean[i] = 0.8 * random.normal()
    const first = sampleAggregatePosterior(zMean, zLogVar, n, 1, new SeededRandom(1))
    expect(sampleAggregatePosterior(zMean, zLogVar, n, 1, new SeededRandom(1))).toEqual(first)
    const stats = describeDimension(first, 0)
    expect(stats.variance).toBeCloseTo(1, 1)
    expect(stats.verdict).toBe('consistent')
  })

  it('returns μ itself when σ is negligible', () => {
    const z = sampleAggregatePosterior([0.5, -2], [-60, -60], 2, 1, new SeededRandom(1))
    expect(z[0]).toBeCloseTo(0.5, 9)
    expect(z[1]).toBeCloseTo(-2, 9)
  })
})

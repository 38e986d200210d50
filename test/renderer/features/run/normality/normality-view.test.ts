import { describe, expect, it } from 'vitest'
import type { DimensionNormality, MultivariateNormality } from '../../../../../src/shared/latent-diagnostics'
import { binCentres, expectedCountCurve, standardNormalDensity } from '../../../../../src/renderer/src/features/run/normality/normal-reference'
import { dimensionRows, multivariateRows } from '../../../../../src/renderer/src/features/run/normality/test-rows'

const dimension: DimensionNormality = {
  dim: 1,
  count: 6000,
  mean: -0.804,
  variance: 0.0368,
  skewness: -0.209,
  excessKurtosis: -0.472,
  ks: { statistic: 0.665, pValue: 1e-130 },
  andersonDarling: { statistic: 0.949, pValue: 0.01, criticalValues: [0.56, 0.629, 0.75, 0.871, 1.032], significanceLevels: [15, 10, 5, 2.5, 1] },
  shapiroWilk: { statistic: 0.98813, pValue: 0.0147, sampleSize: 5000 },
  verdict: 'large',
  summary: 'z2: large deviation',
}

const multivariate: MultivariateNormality = {
  testedDims: [0, 1, 2],
  mardia: { sampleSize: 300, skewness: 4.5, skewnessStatistic: 224.75, skewnessPValue: 1e-42, kurtosis: 22.88, kurtosisStatistic: 12.45, kurtosisPValue: 1e-35 },
  henzeZirkler: { statistic: 7.57, pValue: 1e-39, beta: 1.73, sampleSize: 300 },
  mmd: { mmd2: 0.3625, pValue: 0, bandwidth: 1.73, equivalentShift: 2.22, sampleSize: 300 },
  maxAbsCorrelation: 0.978,
  verdict: 'moderate',
  summary: '',
}

describe('normality view', () => {
  it('scales the N(0, 1) density to the counts a histogram bin would expect', () => {
    const edges = [-4, -2, 0, 2, 4]
    const counts = [10, 40, 40, 10]
    const curve = expectedCountCurve(edges, counts, 5)
    expect(curve.map(([x]) => x)).toEqual([-4, -2, 0, 2, 4])
    expect(curve[2][1]).toBeCloseTo(100 * 2 * standardNormalDensity(0), 12)
    expect(standardNormalDensity(0)).toBeCloseTo(0.3989422804, 9)
    // The expected counts over the range add up to about n (Riemann sum of n·φ over ±4).
    const fine = expectedCountCurve(edges, counts, 801)
    const area = fine.reduce((s, [, y]) => s + y, 0) * (8 / 800) / 2
    expect(area).toBeCloseTo(100, 0)
    expect(expectedCountCurve([0], [], 5)).toEqual([])
  })

  it('places bars at bin centres', () => {
    expect(binCentres([0, 1, 3], [5, 7])).toEqual([
      [0.5, 5],
      [2, 7],
    ])
  })

  it('lists a dimension’s tests with statistic, p-value and effect size, its verdict on the first row', () => {
    const rows = dimensionRows(dimension)
    expect(rows.map((r) => r.test)).toEqual(['Kolmogorov–Smirnov vs N(0, 1)', 'Anderson–Darling (shape)', 'Shapiro–Wilk (shape, 5,000 codes)'])
    expect(rows.every((r) => r.subject === 'z2')).toBe(true)
    expect(rows[0]).toMatchObject({ statistic: 'D = 0.665', pValue: '< 0.0001', effect: 'mean −0.804, variance 0.0368', verdict: { verdict: 'large', rows: 3 } })
    // Stephens' table ends at 1 %: the p-value says "at most".
    expect(rows[1].pValue).toBe('≤ 0.01')
    expect(rows[2]).toMatchObject({ statistic: 'W = 0.9881', pValue: '0.015', effect: 'skewness −0.209, excess kurtosis −0.472' })
    expect(rows[1].verdict).toBeUndefined()
  })

  it('leaves out the shape tests of a constant dimension', () => {
    const rows = dimensionRows({ ...dimension, andersonDarling: null, shapiroWilk: null })
    expect(rows).toHaveLength(1)
    expect(rows[0].verdict?.rows).toBe(1)
  })

  it('lists the joint tests with their effect sizes against what a normal would give', () => {
    const rows = multivariateRows(multivariate, 3)
    expect(rows.map((r) => r.test)).toEqual(['Mardia skewness', 'Mardia kurtosis', 'Henze–Zirkler', 'MMD to N(0, I)', 'Largest |correlation|'])
    expect(rows[1].effect).toBe('b₂ = 22.9 (15 for a normal)')
    expect(rows[3].effect).toBe('as far as a mean shift of 2.22')
    expect(rows[0].verdict).toEqual({ verdict: 'moderate', rows: 5 })
    expect(multivariateRows({ ...multivariate, mardia: null, henzeZirkler: null }, 1).map((r) => r.test)).toEqual(['MMD to N(0, I)'])
  })
})

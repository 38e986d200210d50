import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  chiSquareCdf,
  chiSquareQuantile,
  normaliseDirections,
  pointsAtRadii,
  priorLogDensity,
  priorPlacement,
  priorShellRadii,
  randomDirections,
} from '../../../../src/main/lab/analysis/prior-geometry'

interface Chi2Fixture {
  quantiles: number[]
  ppf: { df: number; values: number[] }[]
  cdf: { df: number; x: number; value: number }[]
}

// Made by test/fixtures/chi2/make-fixture.py (scipy.stats.chi2).
const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/chi2/chi2-quantiles.json'), 'utf8')) as Chi2Fixture

describe('χ² quantiles and prior shells', () => {
  it('match scipy.stats.chi2.ppf at 50 / 90 / 99 % for 1 to 64 degrees of freedom', () => {
    for (const { df, values } of fixture.ppf) {
      const radii = priorShellRadii(df)
      fixture.quantiles.forEach((q, i) => {
        expect(Math.abs(chiSquareQuantile(q, df) - values[i]) / values[i], `df ${df}, q ${q}`).toBeLessThan(1e-10)
        expect(Math.abs(radii[i] - Math.sqrt(values[i])) / radii[i], `radius, df ${df}, q ${q}`).toBeLessThan(1e-10)
      })
    }
  })

  it('match scipy.stats.chi2.cdf', () => {
    for (const { df, x, value } of fixture.cdf) expect(Math.abs(chiSquareCdf(x, df) - value), `df ${df}, x ${x}`).toBeLessThan(1e-12)
  })

  it('gives the known closed forms: χ²(2) quantile −2·ln(1 − p), and the 1-D shells ±1.96 at 95 %', () => {
    for (const p of [0.01, 0.3, 0.5, 0.999]) expect(chiSquareQuantile(p, 2)).toBeCloseTo(-2 * Math.log(1 - p), 12)
    expect(priorShellRadii(1, [0.95])[0]).toBeCloseTo(1.959963984540054, 12)
  })
})

describe('prior placement', () => {
  it('computes ‖z‖, log N(z; 0, I) and the χ² CDF of ‖z‖² per point', () => {
    const z = Float32Array.of(0, 0, 0, 3, 4, 0)
    const { norm, logDensity, normQuantile } = priorPlacement(z, 3)
    expect(Array.from(norm)).toEqual([0, 5])
    const log2pi = Math.log(2 * Math.PI)
    expect(logDensity[0]).toBeCloseTo(-1.5 * log2pi, 5)
    expect(logDensity[1]).toBeCloseTo(-1.5 * log2pi - 12.5, 4)
    expect(priorLogDensity(25, 3)).toBeCloseTo(logDensity[1], 4)
    expect(normQuantile[0]).toBe(0)
    expect(normQuantile[1]).toBeCloseTo(chiSquareCdf(25, 3), 6)
  })
})

describe('probe points', () => {
  it('draws seeded unit directions: same seed same directions, another seed others', () => {
    const a = randomDirections(20, 5, 7)
    expect(randomDirections(20, 5, 7)).toEqual(a)
    expect(randomDirections(20, 5, 8)).not.toEqual(a)
    for (let i = 0; i < 20; i++) expect(Math.hypot(...a.subarray(i * 5, (i + 1) * 5))).toBeCloseTo(1, 6)
  })

  it('spreads random directions over the whole sphere (their mean tends to the origin)', () => {
    const dim = 3
    const n = 4000
    const u = randomDirections(n, dim, 1)
    for (let k = 0; k < dim; k++) {
      let s = 0
      for (let i = 0; i < n; i++) s += u[i * dim + k]
      expect(Math.abs(s / n)).toBeLessThan(0.05)
    }
  })

  it('places r·u for every direction and radius, one row of radii per direction', () => {
    const dirs = normaliseDirections([[3, 4], [0, -2]], 2)!
    expect(Array.from(dirs)).toEqual([0.6, 0.800000011920929, 0, -1].map(Math.fround))
    const points = pointsAtRadii(dirs, 2, [1, 10])
    expect(Array.from(points)).toEqual([0.6, 0.8, 6, 8, 0, -1, 0, -10].map(Math.fround))
    expect(normaliseDirections([[0, 0]], 2)).toBeNull()
  })
})

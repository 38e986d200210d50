import { describe, expect, it } from 'vitest'
import { priorHoles } from '../../../../../src/main/lab/analysis/normality/prior-holes'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'
import { expectStatistic, fixture, inputMatrix } from './normality-fixture'

describe('priorHoles', () => {
  it('matches the numpy brute-force nearest-neighbour reference (threshold = 95th percentile)', () => {
    for (const c of fixture.cases) {
      const probes = inputMatrix('probes', 1000, c.d)
      const holes = priorHoles(inputMatrix(c.distribution, c.n, c.d), c.n, c.d, probes, 1000)
      const label = `${c.distribution} n=${c.n} d=${c.d}`
      expect(holes.searchedCodes, label).toBe(c.health.holes.searchedCodes)
      expect(holes.referenceCodes, label).toBe(c.health.holes.referenceCodes)
      expectStatistic(holes.threshold, c.health.holes.threshold, `${label} threshold`)
      expect(holes.holeFraction, label).toBe(c.health.holes.holeFraction)
      expect(holes.expectedFraction).toBeCloseTo(0.05, 12)
    }
  })

  it('finds about 5% of prior samples in "holes" when the codes are themselves prior samples', () => {
    const fractions = [1, 2, 3, 4].map((seed) => {
      const random = new SeededRandom(seed)
      const codes = random.fillNormal(new Float32Array(3000 * 2))
      const probes = random.fillNormal(new Float32Array(1000 * 2))
      return priorHoles(codes, 3000, 2, probes, 1000).holeFraction
    })
    const mean = fractions.reduce((s, f) => s + f, 0) / fractions.length
    expect(mean).toBeGreaterThan(0.03)
    expect(mean).toBeLessThan(0.075)
  })

  it('flags the prior mass an encoder left empty (no codes within radius 1 of the origin)', () => {
    const random = new SeededRandom(7)
    const codes: number[] = []
    while (codes.length < 3000 * 2) {
      const x = random.normal()
      const y = random.normal()
      if (x * x + y * y > 1) codes.push(x, y)
    }
    const probes = random.fillNormal(new Float32Array(1000 * 2))
    // P(|y| < 1) = 1 − e^(−1/2) ≈ 0.39 for y ~ N(0, I₂); most of those probes are far from every code.
    expect(priorHoles(Float32Array.from(codes), 3000, 2, probes, 1000).holeFraction).toBeGreaterThan(0.2)
  })
})

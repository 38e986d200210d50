import { describe, expect, it } from 'vitest'
import { mmdToStandardNormal } from '../../../../../src/main/lab/analysis/normality/mmd-to-prior'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

function normalCodes(random: SeededRandom, n: number, dim: number, shift = 0): Float64Array {
  const codes = new Float64Array(n * dim)
  for (let i = 0; i < codes.length; i++) codes[i] = random.normal() + (i % dim === 0 ? shift : 0)
  return codes
}

describe('mmdToStandardNormal', () => {
  it('gives calibrated p-values under the null (Gamma approximation with exact null moments)', () => {
    for (const dim of [1, 3, 8]) {
      const random = new SeededRandom(100 + dim)
      const pValues = Array.from({ length: 300 }, () => mmdToStandardNormal(normalCodes(random, 100, dim), 100, dim).pValue)
      const rejected = pValues.filter((p) => p < 0.05).length / pValues.length
      expect(rejected, `d=${dim}: fraction of p < 0.05`).toBeGreaterThan(0.015)
      expect(rejected, `d=${dim}: fraction of p < 0.05`).toBeLessThan(0.09)
      const mean = pValues.reduce((s, p) => s + p, 0) / pValues.length
      expect(mean, `d=${dim}: mean p`).toBeGreaterThan(0.42)
      expect(mean, `d=${dim}: mean p`).toBeLessThan(0.58)
    }
  })

  it('is unbiased near zero for prior samples and reports a shift as the shift it is', () => {
    const random = new SeededRandom(3)
    const matched = mmdToStandardNormal(normalCodes(random, 2000, 3), 2000, 3)
    expect(Math.abs(matched.mmd2)).toBeLessThan(2e-3)
    expect(matched.equivalentShift).toBeLessThan(0.1)
    expect(matched.bandwidth).toBeCloseTo(Math.sqrt(3), 12)
    const shifted = mmdToStandardNormal(normalCodes(random, 2000, 3, 0.5), 2000, 3)
    expect(shifted.pValue).toBeLessThan(1e-6)
    expect(shifted.equivalentShift).toBeGreaterThan(0.42)
    expect(shifted.equivalentShift).toBeLessThan(0.58)
  })

  it('detects a wrong scale that leaves the mean alone', () => {
    const random = new SeededRandom(4)
    const narrow = normalCodes(random, 1000, 2).map((v) => v * 0.5)
    const result = mmdToStandardNormal(narrow, 1000, 2)
    expect(result.pValue).toBeLessThan(1e-6)
    expect(result.equivalentShift).toBeGreaterThan(0.3)
  })
})

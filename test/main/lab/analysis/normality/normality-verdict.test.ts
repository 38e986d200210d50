import { describe, expect, it } from 'vitest'
import { describeDimension } from '../../../../../src/main/lab/analysis/normality/dimension-normality'
import { computeLatentDiagnostics } from '../../../../../src/main/lab/analysis/normality/latent-diagnostics'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

const random = new SeededRandom(31)
const normal = Float64Array.from({ length: 10_000 }, () => random.normal())

describe('per-dimension verdicts weigh effect sizes and p-values together', () => {
  it('calls prior samples consistent with N(0,1)', () => {
    const d = describeDimension(normal, 0)
    expect(d.verdict).toBe('consistent')
    expect(d.summary).toMatch(/^z1: consistent with N\(0,1\) \(KS D = [\d.]+, p = [\d.]+; Shapiro–Wilk p = [\d.]+\)$/)
  })

  it('calls a detectable but tiny deviation negligible (10,000 codes reject a 0.06 shift)', () => {
    const d = describeDimension(normal.map((v) => v + 0.06), 0)
    expect(d.ks.pValue).toBeLessThan(0.01)
    expect(d.verdict).toBe('negligible')
    expect(d.summary).toContain('practically N(0,1)')
  })

  it('grades real deviations by their size and names them', () => {
    const shifted = describeDimension(normal.map((v) => v + 0.2), 0)
    expect(shifted.verdict).toBe('moderate')
    expect(shifted.summary).toContain('(shifted)')
    const narrow = describeDimension(normal.map((v) => v * 0.5), 0)
    expect(narrow.verdict).toBe('large')
    expect(narrow.summary).toContain('too narrow')
    const uniform = describeDimension(Float64Array.from(normal, () => (random.next() * 2 - 1) * Math.sqrt(3)), 0)
    expect(uniform.verdict).toBe('large')
    expect(uniform.summary).toContain('light tails or several modes')
    const heavy = describeDimension(normal.map((v) => v * Math.abs(v)), 0)
    expect(heavy.verdict).toBe('large')
    expect(heavy.summary).toContain('heavy tails')
  })

  it('does not condemn a deviation that too few codes cannot establish, and refuses to judge five codes', () => {
    expect(describeDimension(normal.subarray(0, 30).map((v) => v + 0.3), 0).verdict).toBe('consistent')
    const tiny = describeDimension(normal.subarray(0, 5), 0)
    expect(tiny.verdict).toBe('undetermined')
    expect(tiny.summary).toBe('z1: too few codes (5) to judge')
  })
})

describe('joint and overall verdicts', () => {
  it('catches correlated dimensions that are each N(0,1), and says so', () => {
    const n = 4000
    const codes = new Float32Array(n * 2)
    for (let i = 0; i < n; i++) {
      codes[2 * i] = normal[i]
      codes[2 * i + 1] = 0.5 * normal[i] + Math.sqrt(0.75) * normal[n + i]
    }
    const result = computeLatentDiagnostics(codes, new Float32Array(n * 2).fill(-2), n, 2)
    expect(result.dimensions.map((d) => d.verdict)).toEqual(['consistent', 'consistent'])
    expect(result.multivariate.maxAbsCorrelation).toBeGreaterThan(0.45)
    expect(result.multivariate.verdict).toBe('large')
    expect(result.multivariate.summary).toContain('correlated up to |r| = 0.5')
    expect(result.verdict).toBe('large')
    expect(result.summary).toContain('2 of 2 units active')
    expect(result.summary).toContain('correlated')
  })

  it('calls prior samples consistent with N(0, I) overall', () => {
    const result = computeLatentDiagnostics(Float32Array.from(normal.subarray(0, 9000)), null, 3000, 3)
    expect(result.verdict).toBe('consistent')
    expect(result.health).toBeNull()
    expect(result.summary).toBe('The codes are consistent with N(0, I)')
  })
})

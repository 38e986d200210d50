import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emaSmooth } from '../../../../../src/renderer/src/features/compare/charts/ema-smoothing'

describe('debiased EMA smoothing', () => {
  it('starts on the data instead of being dragged towards zero', () => {
    const smoothed = emaSmooth([10, 10, 10], 0.9)
    for (const v of smoothed) expect(v).toBeCloseTo(10, 12)
  })

  it('matches the hand-computed debiased average', () => {
    // w = 0.5: a1 = 0.5·1 = 0.5 → 0.5/0.5 = 1; a2 = 0.25 + 0.5·3 = 1.75 → 1.75/0.75
    expect(emaSmooth([1, 3], 0.5)).toEqual([1, 1.75 / 0.75])
  })

  it('weight 0 returns the values; non-finite points pass through without spreading', () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2])
    const out = emaSmooth([1, Number.NaN, 1, Infinity, 1], 0.8)
    expect(out[1]).toBeNaN()
    expect(out[3]).toBe(Infinity)
    expect(out[4]).toBeCloseTo(1, 12)
  })

  it('stays within the range of the values seen so far (never invents a trend)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (values, w) => {
        const out = emaSmooth(values, w)
        out.forEach((v, i) => {
          const seen = values.slice(0, i + 1)
          expect(v).toBeGreaterThanOrEqual(Math.min(...seen) - 1e-9)
          expect(v).toBeLessThanOrEqual(Math.max(...seen) + 1e-9)
        })
      }),
    )
  })

  it('refuses a weight that would not smooth', () => {
    expect(() => emaSmooth([1], 1)).toThrow(RangeError)
  })
})

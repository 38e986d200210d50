import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { binOf, histogramCounts, histogramEdges, rankByError } from '../../../../src/main/lab/analysis/reconstruction-ranking'

/** The obvious answer: every (error, position) pair sorted, ties by position. */
function bruteForce(errors: Float32Array, order: 'best' | 'worst', keep: (i: number) => boolean = () => true): number[] {
  const pairs = Array.from(errors, (e, i) => ({ e, i })).filter(({ i }) => keep(i))
  pairs.sort((a, b) => (a.e === b.e ? a.i - b.i : order === 'worst' ? b.e - a.e : a.e - b.e))
  return pairs.map(({ i }) => i)
}

// Errors drawn from a few values, so ties are common.
const errorArrays = fc.array(fc.constantFrom(0.05, 0.1, 0.1, 0.2, 0.3, 0.31, 0.7), { minLength: 0, maxLength: 300 }).map((a) => Float32Array.from(a))

describe('rankByError', () => {
  it('lists the N largest errors first for worst, the N smallest for best, ties in stored order', () => {
    fc.assert(
      fc.property(errorArrays, fc.constantFrom<'best' | 'worst'>('best', 'worst'), (errors, order) => {
        expect(Array.from(rankByError(errors, order))).toEqual(bruteForce(errors, order))
      }),
    )
  })

  it('keeps only the positions the filter accepts, in the same order as the unfiltered ranking', () => {
    const labels = Int32Array.from({ length: 500 }, (_, i) => (i * 7) % 10)
    const errors = Float32Array.from({ length: 500 }, (_, i) => Math.abs(Math.sin(i * 12.9898)) * 0.5)
    const fours = rankByError(errors, 'worst', (i) => labels[i] === 4)
    expect(fours.length).toBe(50)
    expect(Array.from(fours).every((p) => labels[p] === 4)).toBe(true)
    expect(Array.from(fours)).toEqual(Array.from(rankByError(errors, 'worst')).filter((p) => labels[p] === 4))
  })

  it('pages are slices of one ranking: consecutive pages neither overlap nor skip', () => {
    const errors = Float32Array.from({ length: 97 }, (_, i) => (i % 13) / 13)
    const ranked = rankByError(errors, 'worst')
    const pages = [0, 20, 40, 60, 80].map((offset) => Array.from(ranked.subarray(offset, offset + 20)))
    expect(pages.flat()).toEqual(Array.from(ranked))
    const pageErrors = pages.flat().map((p) => errors[p])
    expect(pageErrors).toEqual([...pageErrors].sort((a, b) => b - a))
  })

  it('puts non-finite errors last in both orders', () => {
    const errors = Float32Array.of(0.2, NaN, 0.1, Infinity, 0.3)
    expect(Array.from(rankByError(errors, 'worst'))).toEqual([4, 0, 2, 1, 3])
    expect(Array.from(rankByError(errors, 'best'))).toEqual([2, 0, 4, 1, 3])
  })
})

describe('error histogram', () => {
  it('matches numpy.histogram on a fixed input: equal bins from min to max, the last bin closed', () => {
    const values = Float32Array.of(0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.99, 1)
    const edges = histogramEdges(values, 4)
    expect(Array.from(edges)).toEqual([0, 0.25, 0.5, 0.75, 1])
    // numpy.histogram([0, .1, .25, .5, .5, .75, .99, 1], bins=4) → [2, 1, 2, 3]
    expect(Array.from(histogramCounts(values, edges))).toEqual([2, 1, 2, 3])
    expect(Array.from(histogramCounts(values, edges, [3, 7]))).toEqual([0, 0, 1, 1])
  })

  it('puts every finite value in the bin whose range holds it, and counts all of them', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 60 }), (raw, bins) => {
        const values = Float32Array.from(raw)
        const edges = histogramEdges(values, bins)
        for (const v of values) {
          const b = binOf(edges, v)
          expect(v).toBeGreaterThanOrEqual(edges[b])
          if (b < bins - 1) expect(v).toBeLessThan(edges[b + 1])
          else expect(v).toBeLessThanOrEqual(edges[bins])
        }
        expect(histogramCounts(values, edges).reduce((s, c) => s + c, 0)).toBe(values.length)
      }),
    )
  })

  it('gives a constant input one unit-wide range and leaves non-finite values out', () => {
    const values = Float32Array.of(2, 2, NaN, 2)
    const edges = histogramEdges(values, 2)
    expect(Array.from(edges)).toEqual([1.5, 2, 2.5])
    expect(Array.from(histogramCounts(values, edges))).toEqual([0, 3])
    expect(binOf(edges, NaN)).toBe(-1)
  })
})

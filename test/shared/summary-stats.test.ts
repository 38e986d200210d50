import { describe, expect, it } from 'vitest'
import { mean, median, range, standardDeviation } from '../../src/shared/summary-stats'

describe('summary statistics of a group of replicates', () => {
  it('give the mean, the sample sd, the median and the range, leaving NaNs out', () => {
    expect(mean([1, 2, 3, 6])).toBe(3)
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 9)
    expect(standardDeviation([5])).toBe(0)
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(range([3, NaN, -1, 2])).toEqual({ min: -1, max: 3 })
    expect(mean([NaN, 1, 3])).toBe(2)
    expect([mean([]), standardDeviation([]), median([NaN])]).toEqual([NaN, NaN, NaN])
  })
})

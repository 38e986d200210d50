import { describe, expect, it } from 'vitest'
import { featurePolylines, valueRange } from '../../../../src/renderer/src/ui/sequence/series-paths'

describe('series paths', () => {
  it('spans the finite values, and centres a flat sequence', () => {
    expect(valueRange([2, -1, NaN, 3])).toEqual({ min: -1, max: 3 })
    const flat = valueRange([0.4, 0.4])
    expect(flat.min).toBeCloseTo(-0.1, 12)
    expect(flat.max).toBeCloseTo(0.9, 12)
    expect(valueRange([NaN])).toEqual({ min: 0, max: 1 })
  })

  it('draws one polyline per feature over the steps, higher values higher up', () => {
    // steps × features = 3 × 2, row-major by step.
    const values = [0, 1, 0.5, 0.5, 1, 0]
    const [first, second] = featurePolylines(values, 3, 2, 100, 50, { min: 0, max: 1 })
    expect(first).toBe('0.00,50.00 50.00,25.00 100.00,0.00')
    expect(second).toBe('0.00,0.00 50.00,25.00 100.00,50.00')
  })

  it('leaves non-finite values out of their line', () => {
    const [line] = featurePolylines([0, NaN, 1], 3, 1, 20, 10, { min: 0, max: 1 })
    expect(line).toBe('0.00,10.00 20.00,0.00')
  })
})

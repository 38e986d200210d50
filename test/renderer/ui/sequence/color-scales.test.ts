import { describe, expect, it } from 'vitest'
import { grayscalePixels, heatColor, heatPixels, quantileOf } from '../../../../src/renderer/src/ui/sequence/color-scales'

const luminance = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b

describe('color scales', () => {
  it('draws values 0…1 as opaque gray levels, clamped', () => {
    expect(Array.from(grayscalePixels([0, 0.5, 1, 2, -1]))).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255])
  })

  it('runs the heat scale from near black to pale yellow, brighter all the way', () => {
    expect(heatColor(0)).toEqual([0, 0, 4])
    expect(heatColor(1)).toEqual([252, 255, 164])
    const steps = Array.from({ length: 41 }, (_, i) => luminance(heatColor(i / 40)))
    steps.forEach((l, i) => i > 0 && expect(l).toBeGreaterThan(steps[i - 1]))
  })

  it('saturates above the scale top and treats NaN as the most', () => {
    expect(heatColor(5)).toEqual(heatColor(1))
    expect(heatColor(-1)).toEqual(heatColor(0))
    expect(heatColor(NaN)).toEqual(heatColor(1))
  })

  it('maps errors 0…max onto the heat scale', () => {
    const pixels = heatPixels([0, 1, 2, 4], 2)
    expect(Array.from(pixels.subarray(0, 4))).toEqual([...heatColor(0), 255])
    expect(Array.from(pixels.subarray(4, 8))).toEqual([...heatColor(0.5), 255])
    expect(Array.from(pixels.subarray(8, 12))).toEqual([...heatColor(1), 255])
    expect(Array.from(pixels.subarray(12, 16))).toEqual([...heatColor(1), 255])
  })

  it('takes the nearest-rank quantile of the finite values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(quantileOf(values, 0.99)).toBe(99)
    expect(quantileOf([3, NaN, 1, Infinity, 2], 1)).toBe(3)
    expect(quantileOf([], 0.5)).toBe(0)
  })
})

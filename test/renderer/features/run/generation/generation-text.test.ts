import { describe, expect, it } from 'vitest'
import type { DecodedPoints } from '../../../../../src/shared/run-views'
import { parseNumberList } from '../../../../../src/renderer/src/features/run/generation/number-list'
import { describePoint, placementCaption } from '../../../../../src/renderer/src/features/run/generation/point-descriptions'

const points = (nearestIndex: number): DecodedPoints => ({
  runId: 1,
  count: 1,
  dim: 2,
  z: Float32Array.from([3, -4]),
  norm: Float32Array.from([5]),
  logDensity: Float32Array.from([-14.34]),
  normQuantile: Float32Array.from([0.999996]),
  nearestIndex: Int32Array.from([nearestIndex]),
  nearestDistance: Float32Array.from([nearestIndex < 0 ? NaN : 2.345]),
  decoded: { count: 1, steps: 1, features: 1, data: new Float32Array(1) },
})

describe('generation text', () => {
  it('reads a typed list of radii in any separator', () => {
    expect(parseNumberList('1, 2;3  4\n6,8', 'radii')).toEqual({ values: [1, 2, 3, 4, 6, 8] })
    expect(parseNumberList('0.5', 'radii')).toEqual({ values: [0.5] })
  })

  it('says what is wrong with a list it cannot read', () => {
    expect(parseNumberList('  ', 'radii')).toEqual({ error: 'radii: type at least one number, e.g. 1, 2, 3' })
    expect(parseNumberList('1, two, 3', 'radii')).toEqual({ error: 'radii: “two” is not a number' })
  })

  it('describes a decoded point by its place relative to the prior and the codes', () => {
    expect(describePoint(points(12), 0)).toBe(
      'z = (+3, −4); ‖z‖ = 5; log p(z) = −14.3; > 99.9 % of the prior lies closer to 0; nearest code: test sample 12 at distance 2.35',
    )
    expect(describePoint(points(-1), 0)).toMatch(/no encoded codes yet$/)
  })

  it('captions a probe with its log-density and nearest-code distance', () => {
    expect(placementCaption(points(12), 0)).toEqual(['log p −14.3', 'NN 2.3'])
    expect(placementCaption(points(-1), 0)).toEqual(['log p −14.3', 'no codes'])
  })
})

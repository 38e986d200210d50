import { describe, expect, it } from 'vitest'
import { nearestCodes } from '../../../../src/main/lab/analysis/nearest-code'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'

describe('nearestCodes', () => {
  it('finds the same nearest code as an exhaustive distance table', () => {
    const random = new SeededRandom(3)
    const dim = 4
    const codes = random.fillNormal(new Float32Array(300 * dim))
    const points = random.fillNormal(new Float32Array(50 * dim)).map((v) => v * 2)
    const { position, distance } = nearestCodes(points, codes, dim)
    for (let i = 0; i < 50; i++) {
      const distances = Array.from({ length: 300 }, (_, j) =>
        Math.hypot(...Array.from({ length: dim }, (_, k) => points[i * dim + k] - codes[j * dim + k])),
      )
      const best = Math.min(...distances)
      expect(position[i]).toBe(distances.indexOf(best))
      expect(distance[i]).toBeCloseTo(best, 5)
    }
  })

  it('gives distance 0 for a point on a code, and −1 / NaN when there are no codes', () => {
    const codes = Float32Array.of(0, 0, 1, 1, 2, 2)
    expect(nearestCodes(Float32Array.of(1, 1), codes, 2)).toEqual({ position: Int32Array.of(1), distance: Float32Array.of(0) })
    const none = nearestCodes(Float32Array.of(1, 1), new Float32Array(0), 2)
    expect(none.position[0]).toBe(-1)
    expect(none.distance[0]).toBeNaN()
  })
})

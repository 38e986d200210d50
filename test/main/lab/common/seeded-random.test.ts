import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'

describe('SeededRandom', () => {
  it('repeats the same stream for the same seed and resumes from a saved state', () => {
    const a = new SeededRandom(7)
    const b = new SeededRandom(7)
    const first = Array.from({ length: 5 }, () => a.nextUint32())
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(first)
    const resumed = new SeededRandom(a.getState())
    expect(resumed.nextUint32()).toBe(a.nextUint32())
    expect(new SeededRandom(8).nextUint32()).not.toBe(first[0])
  })

  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = new SeededRandom(1)
    const xs = rng.fillNormal(new Float32Array(200_000))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length
    expect(Math.abs(mean)).toBeLessThan(0.01)
    expect(Math.abs(variance - 1)).toBeLessThan(0.02)
  })
})

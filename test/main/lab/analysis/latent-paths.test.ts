import { describe, expect, it } from 'vitest'
import { evenlySpaced, interpolationPoints, traversalPoints } from '../../../../src/main/lab/analysis/latent-paths'

const rows = (data: Float32Array, dim: number) => Array.from({ length: data.length / dim }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)))

describe('latent paths', () => {
  it('spaces values evenly and hits both ends exactly', () => {
    expect(Array.from(evenlySpaced(-3, 3, 7))).toEqual([-3, -2, -1, 0, 1, 2, 3])
    expect(evenlySpaced(0, 1, 3)[2]).toBe(1)
  })

  it('sweeps one dimension per row and leaves the others at the base point', () => {
    const base = Float32Array.of(0.5, -1, 2)
    const points = traversalPoints(base, [2, 0], Float32Array.of(-1, 1))
    expect(rows(points, 3)).toEqual([
      [0.5, -1, -1],
      [0.5, -1, 1],
      [-1, -1, 2],
      [1, -1, 2],
    ])
  })

  it('interpolates linearly from one code to the other', () => {
    const points = interpolationPoints(Float32Array.of(0, 2), Float32Array.of(4, 0), evenlySpaced(0, 1, 3), 'linear')
    expect(rows(points, 2)).toEqual([
      [0, 2],
      [2, 1],
      [4, 0],
    ])
  })

  it('interpolates spherically along the arc: the norm stays put between codes of equal norm', () => {
    const a = Float32Array.of(3, 0, 0)
    const b = Float32Array.of(0, 0, 3)
    const t = evenlySpaced(0, 1, 5)
    const arc = rows(interpolationPoints(a, b, t, 'spherical'), 3)
    for (const p of arc) expect(Math.hypot(...p)).toBeCloseTo(3, 5)
    expect(arc[0]).toEqual([3, 0, 0])
    expect(arc[4][2]).toBeCloseTo(3, 6)
    expect(arc[2][0]).toBeCloseTo(3 * Math.SQRT1_2, 5)
    // The straight line cuts inside: its midpoint has norm 3/√2.
    expect(Math.hypot(...rows(interpolationPoints(a, b, t, 'linear'), 3)[2])).toBeCloseTo(3 * Math.SQRT1_2, 5)
  })

  it('falls back to the line for parallel codes', () => {
    const a = Float32Array.of(1, 1)
    const b = Float32Array.of(2, 2)
    const t = evenlySpaced(0, 1, 4)
    expect(interpolationPoints(a, b, t, 'spherical')).toEqual(interpolationPoints(a, b, t, 'linear'))
  })
})

import { describe, expect, it } from 'vitest'
import { coordsAt, groupByLabel } from '../../../../../src/renderer/src/features/run/latent/label-groups'
import { latentPointAt, projectPoint } from '../../../../../src/renderer/src/features/run/latent/point-projection'
import { pointSize, sampleAt, stripJitter } from '../../../../../src/renderer/src/features/run/latent/scatter-points'
import { axisHalfWidth, circlePoints, spherePoints } from '../../../../../src/renderer/src/features/run/latent/shell-geometry'

const norm = (p: number[], c: number[]) => Math.hypot(...p.map((v, i) => v - c[i]))

describe('latent view geometry', () => {
  it('groups points by label in label order, keeping each group’s original order', () => {
    const groups = groupByLabel(Int32Array.from([3, 1, 3, -1, 1, 3]))
    expect(groups).toEqual([
      { label: -1, positions: [3] },
      { label: 1, positions: [1, 4] },
      { label: 3, positions: [0, 2, 5] },
    ])
  })

  it('finds the sample behind a clicked point from its series and data index', () => {
    const groups = groupByLabel(Int32Array.from([3, 1, 3]))
    const indices = Int32Array.from([100, 200, 300])
    expect(sampleAt(groups, indices, 1, 1)).toBe(300)
    expect(sampleAt(groups, indices, 0, 0)).toBe(200)
    // Shells and the marker come after the classes: not samples.
    expect(sampleAt(groups, indices, 2, 0)).toBeNull()
    expect(sampleAt(groups, indices, 0, 5)).toBeNull()
  })

  it('reads row p of the projected coordinates', () => {
    expect(coordsAt(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, 1)).toEqual([4, 5, 6])
  })

  it('spreads shell points evenly on the sphere of the given centre and radius', () => {
    const center = [1, -2, 0.5]
    const points = spherePoints(center, 2.5, 500)
    expect(points).toHaveLength(500)
    points.forEach((p) => expect(norm(p, center)).toBeCloseTo(2.5, 9))
    // Even spread: the centroid is the centre, each octant holds about an eighth.
    const mean = [0, 1, 2].map((d) => points.reduce((s, p) => s + p[d], 0) / points.length)
    mean.forEach((m, d) => expect(m).toBeCloseTo(center[d], 1))
    const octant = points.filter((p) => p[0] > center[0] && p[1] > center[1] && p[2] > center[2]).length
    expect(octant).toBeGreaterThan(50)
    expect(octant).toBeLessThan(75)
  })

  it('closes a circle of n points back on its first', () => {
    const points = circlePoints([0, 1], 2, 12)
    expect(points).toHaveLength(13)
    expect(points[12]).toEqual(points[0])
    points.forEach((p) => expect(norm(p, [0, 1])).toBeCloseTo(2, 12))
  })

  it('picks a round symmetric axis range that holds the codes and the largest shell', () => {
    expect(axisHalfWidth([0.2, -1.3, 0.9], 3, [0, 0, 0], 0)).toBe(1.5)
    expect(axisHalfWidth([0.2, -1.3, 0.9], 3, [0, 0, 0], 3.37)).toBe(4)
    expect(axisHalfWidth([0.31, -0.2], 2, [0, 0], 0)).toBe(0.4)
    expect(axisHalfWidth([0.55], 1, [0], 0)).toBe(0.6)
    expect(axisHalfWidth([0, 0], 2, [0, 0], 0)).toBe(1)
  })

  it('projects a full latent point into a raw or PCA view, and back where the view holds every dimension', () => {
    const raw = { method: 'raw' as const, latentDim: 4, sourceDims: [3, 0], pca: null }
    expect(projectPoint([1, 2, 3, 4], raw)).toEqual([4, 1])
    expect(projectPoint([1, 2], raw)).toBeNull()
    const pca = {
      method: 'pca' as const,
      latentDim: 2,
      sourceDims: [],
      pca: { mean: [1, 1], components: [[Math.SQRT1_2, Math.SQRT1_2]], explainedVariance: [1], explainedVarianceRatio: [1] },
    }
    expect(projectPoint([2, 2], pca)![0]).toBeCloseTo(Math.SQRT2, 12)
    expect(latentPointAt([0.5, -1], { method: 'raw', latentDim: 2, sourceDims: [1, 0] })).toEqual([-1, 0.5])
    expect(latentPointAt([0.5, -1], { method: 'raw', latentDim: 3, sourceDims: [0, 1] })).toBeNull()
    expect(latentPointAt([0.5, -1, 2], { method: 'pca', latentDim: 8, sourceDims: [] })).toBeNull()
  })

  it('sizes points for clicking a few hundred and telling ten thousand apart', () => {
    expect(pointSize(300)).toBeGreaterThan(pointSize(10_000))
  })

  it('jitters strip points deterministically within ±0.3 of their row', () => {
    const jitters = Array.from({ length: 1000 }, (_, p) => stripJitter(p))
    expect(Math.max(...jitters)).toBeLessThanOrEqual(0.3)
    expect(Math.min(...jitters)).toBeGreaterThanOrEqual(-0.3)
    expect(Math.max(...jitters) - Math.min(...jitters)).toBeGreaterThan(0.5)
    expect(stripJitter(17)).toBe(stripJitter(17))
  })
})

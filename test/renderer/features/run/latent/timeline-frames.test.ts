import { describe, expect, it } from 'vitest'
import type { LatentTimeline } from '../../../../../src/shared/latent-timeline'
import { epochHealthFigures, frameProjection, timelineHalfWidth } from '../../../../../src/renderer/src/features/run/latent/timeline-frames'

const timeline: LatentTimeline = {
  runId: 1,
  count: 2,
  latentDim: 2,
  method: 'raw',
  dims: 2,
  axes: ['z1', 'z2'],
  sourceDims: [0, 1],
  epochs: [1, 2, 3],
  frames: Float32Array.of(0, 0, 0.1, 0.1, 0.5, -0.5, 1, 1, 2.2, -1, 1.5, 2),
  positions: Int32Array.of(4, 9),
  labels: Int32Array.of(3, -1),
  pca: null,
  stats: [null, null, null],
}

describe('the latent timeline’s frames', () => {
  it('are slices of one array, with the subset’s positions and labels', () => {
    const p = frameProjection(timeline, 1)
    expect(Array.from(p.coords)).toEqual([0.5, -0.5, 1, 1])
    expect([p.count, p.dims, p.axes, Array.from(p.indices), Array.from(p.labels)]).toEqual([2, 2, ['z1', 'z2'], [4, 9], [3, -1]])
  })

  it('share axes wide enough for every frame', () => {
    expect(timelineHalfWidth(timeline)).toBe(2.5)
  })

  it('come with the epoch’s health figures, or none where no statistics were recorded', () => {
    expect(epochHealthFigures(null)).toEqual([])
    const figures = epochHealthFigures({
      count: 100,
      dim: 2,
      means: [0.1, -0.4],
      variances: [0.9, 0.004],
      kl: [1.5, 0.25],
      activeUnits: 1,
      mmd: { mmd2: 0.0123, pValue: 0.01, bandwidth: 1.4, equivalentShift: 0.3, sampleSize: 100 },
    })
    expect(Object.fromEntries(figures.map((f) => [f.label, f.value]))).toEqual({
      'Active units': '1 of 2',
      'KL to the prior': '1.75 nats',
      'MMD² to N(0, I)': '0.0123',
      'Largest |mean of μ|': '0.4',
      'Var(μ) per unit': '0.9 · 0.004',
    })
  })
})

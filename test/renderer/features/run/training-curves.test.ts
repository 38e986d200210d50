import { describe, expect, it } from 'vitest'
import type { EpochLatentStatsPoint, EpochMetrics } from '../../../../src/shared/api'
import { batchLossPoints, latentStatCharts, lossCharts } from '../../../../src/renderer/src/features/run/training-curves'

const epoch = (n: number, loss: number): EpochMetrics => ({
  epoch: n,
  loss,
  recon: loss + 0.01,
  kl: n,
  valLoss: loss - 0.01,
  valRecon: loss,
  valKl: n + 0.5,
  seconds: 1,
  klWeight: 0.01,
})

const stats = (n: number, active: number): EpochLatentStatsPoint => ({
  epoch: n,
  stats: {
    count: 100,
    dim: 2,
    means: [0.1 * n, -0.1 * n],
    variances: [0.02 * n, 0.005],
    kl: [n, 0.01],
    activeUnits: active,
    mmd: { mmd2: 0.3 / n, pValue: 0, bandwidth: 1, equivalentShift: 1, sampleSize: 100 },
  },
})

describe('training curves', () => {
  it('spreads each epoch’s sampled batches evenly over (e − 1, e]', () => {
    const batches = [1, 4, 7, 10, 11, 14, 17, 20].map((step) => ({ step, epoch: step <= 10 ? 1 : 2, loss: step }))
    const points = batchLossPoints(batches)
    expect(points.map(([x]) => x)).toEqual([0.1, 0.4, 0.7, 1, 1.1, 1.4, 1.7, 2])
    expect(points.map(([, y]) => y)).toEqual([1, 4, 7, 10, 11, 14, 17, 20])
  })

  it('accepts batches in any order', () => {
    expect(batchLossPoints([{ step: 2, epoch: 1, loss: 2 }, { step: 1, epoch: 1, loss: 1 }])).toEqual([
      [0.5, 1],
      [1, 2],
    ])
  })

  it('draws loss, reconstruction and KL, training against validation, with the batches behind the loss', () => {
    const charts = lossCharts([epoch(1, 0.7), epoch(2, 0.6)], [{ step: 1, epoch: 1, loss: 0.8 }])
    expect(charts.map((c) => c.title)).toEqual(['Loss', 'Reconstruction', 'KL to the prior'])
    expect(charts[0].lines.map((l) => [l.name, l.faint ?? false])).toEqual([
      ['train', false],
      ['validation', false],
      ['per batch', true],
    ])
    expect(charts[0].lines[1].points).toEqual([
      [1, 0.69],
      [2, 0.59],
    ])
    expect(charts[2].lines[1].points).toEqual([
      [1, 1.5],
      [2, 2.5],
    ])
  })

  it('draws one line per latent unit for the per-unit statistics, and MMD² and active units over epochs', () => {
    const charts = latentStatCharts([stats(1, 1), stats(2, 2)])
    const byTitle = Object.fromEntries(charts.map((c) => [c.title, c]))
    expect(byTitle['Var(μ) per unit (activity)'].lines.map((l) => l.name)).toEqual(['z1', 'z2'])
    expect(byTitle['Var(μ) per unit (activity)'].lines[0].points).toEqual([
      [1, 0.02],
      [2, 0.04],
    ])
    expect(byTitle['Var(μ) per unit (activity)'].reference?.value).toBe(0.01)
    expect(byTitle['Mean of μ per unit'].lines[1].points).toEqual([
      [1, -0.1],
      [2, -0.2],
    ])
    expect(byTitle['MMD² to N(0, I)'].lines[0].points).toEqual([
      [1, 0.3],
      [2, 0.15],
    ])
    expect(byTitle['Active units'].integer).toBe(true)
    expect(byTitle['Active units'].lines[0].points).toEqual([
      [1, 1],
      [2, 2],
    ])
  })

  it('has no lines before the first epoch', () => {
    expect(latentStatCharts([]).every((c) => c.lines.every((l) => l.points.length === 0))).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { columnValue, compareMetricColumns, curveMetrics } from '../../../../src/renderer/src/features/compare/compared-runs'
import { bestEpoch } from '../../../../src/renderer/src/entities/run-metrics'

const epoch = (n: number, valLoss: number, loss: number) => ({ epoch: n, loss, recon: loss - 0.01, kl: 2, valLoss, valRecon: valLoss - 0.01, valKl: 3, seconds: 1, klWeight: 0.01 })
const epochs = [epoch(1, 0.3, 0.35), epoch(2, 0.22, 0.25), epoch(3, 0.22, 0.21), epoch(4, 0.24, 0.2)]

describe('compared run values', () => {
  it('report the best value with the first epoch that reached it, not the last', () => {
    expect(bestEpoch(epochs, 'valLoss')).toEqual({ value: 0.22, epoch: 2 })
    const [bestVal, finalVal] = compareMetricColumns('val')
    expect(columnValue(epochs, bestVal)).toEqual({ value: 0.22, epoch: 2 })
    expect(columnValue(epochs, finalVal)).toEqual({ value: 0.24, epoch: 4 })
    expect(columnValue([], bestVal)).toBeNull()
  })

  it('draw recon and KL from the chosen split', () => {
    expect(curveMetrics('val').map((c) => c.metric)).toEqual(['loss', 'valLoss', 'valRecon', 'valKl'])
    expect(curveMetrics('train').map((c) => c.metric)).toEqual(['loss', 'valLoss', 'recon', 'kl'])
    expect(compareMetricColumns('train').map((c) => c.metric)).toEqual(['valLoss', 'valLoss', 'loss', 'recon', 'kl'])
  })
})

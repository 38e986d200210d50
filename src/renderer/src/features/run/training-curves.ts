import type { BatchMetric, EpochLatentStatsPoint, EpochMetrics } from '../../../../shared/api'
import type { EpochChartSpec, EpochLine } from './epoch-chart-spec'

/**
 * Per-batch losses placed on the epoch axis: the batches of epoch e spread evenly over (e − 1, e],
 * so they line up with the per-epoch values plotted at x = e. Batches are sampled and flushed per
 * epoch, so each epoch's first and last recorded steps bound its share.
 */
export function batchLossPoints(batches: readonly BatchMetric[]): [number, number][] {
  const byEpoch = new Map<number, BatchMetric[]>()
  for (const b of batches) byEpoch.set(b.epoch, [...(byEpoch.get(b.epoch) ?? []), b])
  const points: [number, number][] = []
  for (const [epoch, list] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
    const sorted = [...list].sort((a, b) => a.step - b.step)
    const first = sorted[0].step
    const span = sorted[sorted.length - 1].step - first + 1
    for (const b of sorted) points.push([epoch - 1 + (b.step - first + 1) / span, b.loss])
  }
  return points
}

const perEpoch = (epochs: readonly EpochMetrics[], pick: (m: EpochMetrics) => number): [number, number][] => epochs.map((m) => [m.epoch, pick(m)])

/** Loss, reconstruction and KL over epochs, training against validation (per-batch loss behind the loss). */
export function lossCharts(epochs: readonly EpochMetrics[], batches: readonly BatchMetric[]): EpochChartSpec[] {
  return [
    {
      title: 'Loss',
      yName: '(1−λ)·BCE + λ·KL',
      lines: [
        { name: 'train', points: perEpoch(epochs, (m) => m.loss) },
        { name: 'validation', points: perEpoch(epochs, (m) => m.valLoss) },
        { name: 'per batch', points: batchLossPoints(batches), faint: true },
      ],
    },
    {
      title: 'Reconstruction',
      yName: 'BCE per value',
      lines: [
        { name: 'train', points: perEpoch(epochs, (m) => m.recon) },
        { name: 'validation', points: perEpoch(epochs, (m) => m.valRecon) },
      ],
    },
    {
      title: 'KL to the prior',
      yName: 'nats per sample',
      lines: [
        { name: 'train', points: perEpoch(epochs, (m) => m.kl) },
        { name: 'validation', points: perEpoch(epochs, (m) => m.valKl) },
      ],
    },
  ]
}

/** One line per latent dimension (named z1, z2, …) of a per-dimension statistic. */
function perDimension(points: readonly EpochLatentStatsPoint[], pick: (p: EpochLatentStatsPoint) => number[]): EpochLine[] {
  const dim = points.length > 0 ? points[0].stats.dim : 0
  return Array.from({ length: dim }, (_, d) => ({ name: `z${d + 1}`, points: points.map((p): [number, number] => [p.epoch, pick(p)[d]]) }))
}

/**
 * The cheap latent statistics of the validation codes after each epoch: where each unit's codes
 * sit (mean of μ, should be 0), how spread they are (Var(μ), the unit's activity), the KL each unit
 * pays, the codes' distance to N(0, I) as MMD², and how many units are active.
 */
export function latentStatCharts(points: readonly EpochLatentStatsPoint[]): EpochChartSpec[] {
  return [
    { title: 'Mean of μ per unit', yName: 'mean', lines: perDimension(points, (p) => p.stats.means), reference: { value: 0, label: 'prior' } },
    { title: 'Var(μ) per unit (activity)', yName: 'variance', lines: perDimension(points, (p) => p.stats.variances), reference: { value: 0.01, label: 'active above 0.01' } },
    { title: 'KL to the prior per unit', yName: 'nats', lines: perDimension(points, (p) => p.stats.kl) },
    { title: 'MMD² to N(0, I)', yName: 'MMD²', lines: [{ name: 'MMD²', points: points.map((p) => [p.epoch, p.stats.mmd.mmd2]) }], reference: { value: 0, label: 'prior' } },
    { title: 'Active units', yName: 'units', lines: [{ name: 'active units', points: points.map((p) => [p.epoch, p.stats.activeUnits]) }], integer: true },
  ]
}

import type { EpochMetrics } from '../../../shared/api'

export { RUN_METRICS, runMetric, type RunMetricField as RunMetric } from '../../../shared/run-fields'

/** The per-epoch values a run records, by the names people know from Keras logs. */
export type EpochMetricKey = Exclude<keyof EpochMetrics, 'epoch'>

export const EPOCH_METRIC_LABELS: Record<EpochMetricKey, string> = {
  loss: 'loss',
  recon: 'recon',
  kl: 'KL',
  valLoss: 'val_loss',
  valRecon: 'val_recon',
  valKl: 'val_KL',
  seconds: 'seconds/epoch',
  klWeight: 'λ in force',
}

/** The lowest value of a metric over a run's epochs and the first epoch it was reached. */
export function bestEpoch(epochs: readonly EpochMetrics[], key: EpochMetricKey): { value: number; epoch: number } | null {
  let best: { value: number; epoch: number } | null = null
  for (const row of epochs) {
    const value = row[key]
    if (Number.isFinite(value) && (best === null || value < best.value)) best = { value, epoch: row.epoch }
  }
  return best
}

import type { EpochMetrics, RunSummary } from '../../../shared/api'

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

/** A number to sort, filter, plot or export a run by: final metrics and the best epoch. */
export interface RunMetric {
  key: string
  label: string
  get(run: RunSummary): number | undefined
}

const lastOf = (key: EpochMetricKey): RunMetric => ({
  key,
  label: `final ${EPOCH_METRIC_LABELS[key]}`,
  get: (run) => run.last?.[key],
})

/** What the tables, filters and charts offer; the best val_loss (not the last) comes first. */
export const RUN_METRICS: readonly RunMetric[] = [
  { key: 'bestValLoss', label: 'best val_loss', get: (run) => run.best?.valLoss },
  { key: 'bestEpoch', label: 'best epoch', get: (run) => run.best?.epoch },
  lastOf('valLoss'),
  lastOf('loss'),
  lastOf('recon'),
  lastOf('kl'),
  lastOf('valRecon'),
  lastOf('valKl'),
  { key: 'epochsDone', label: 'epochs done', get: (run) => run.epochsDone },
  lastOf('seconds'),
  { key: 'params', label: 'parameters', get: (run) => run.params ?? undefined },
]

export function runMetric(key: string): RunMetric | undefined {
  return RUN_METRICS.find((metric) => metric.key === key)
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

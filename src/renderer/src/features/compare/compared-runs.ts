import type { EpochMetrics, MetricSeries, RunDetail, RunId } from '../../../../shared/api'
import { bestEpoch, type EpochMetricKey } from '../../entities/run-metrics'
import type { CurveSplit } from './compare-view-state'

/** A run as the comparison shows it: its details, its colour and its per-epoch metrics. */
export interface ComparedRun {
  run: RunDetail
  color: string
  epochs: EpochMetrics[]
  baseline: boolean
}

export function comparedRuns(
  ids: readonly RunId[],
  details: ReadonlyMap<RunId, RunDetail>,
  series: ReadonlyMap<RunId, MetricSeries>,
  colors: readonly string[],
  baseline: RunId | null,
): ComparedRun[] {
  return ids
    .filter((id) => details.has(id))
    .map((id, i) => ({ run: details.get(id)!, color: colors[i], epochs: series.get(id)?.epochs ?? [], baseline: id === baseline }))
}

/** A column of the comparison table: a metric's best value (and its epoch) or its final value. */
export interface CompareMetricColumn {
  key: string
  label: string
  metric: EpochMetricKey
  kind: 'best' | 'final'
  /** Losses are better lower; KL is a trade-off, so it is neither bolded nor coloured as better or worse. */
  lowerIsBetter: boolean
}

/** The four curves the comparison draws: loss and val_loss, then recon and KL of the chosen split. */
export function curveMetrics(split: CurveSplit): { metric: EpochMetricKey; title: string }[] {
  const val = split === 'val'
  return [
    { metric: 'loss', title: 'loss' },
    { metric: 'valLoss', title: 'val_loss' },
    { metric: val ? 'valRecon' : 'recon', title: val ? 'val reconstruction (BCE)' : 'reconstruction (BCE)' },
    { metric: val ? 'valKl' : 'kl', title: val ? 'val KL' : 'KL' },
  ]
}

export function compareMetricColumns(split: CurveSplit): CompareMetricColumn[] {
  const [, , recon, kl] = curveMetrics(split)
  return [
    { key: 'best-valLoss', label: 'best val_loss', metric: 'valLoss', kind: 'best', lowerIsBetter: true },
    { key: 'final-valLoss', label: 'final val_loss', metric: 'valLoss', kind: 'final', lowerIsBetter: true },
    { key: 'best-loss', label: 'best loss', metric: 'loss', kind: 'best', lowerIsBetter: true },
    { key: `final-${recon.metric}`, label: `final ${split === 'val' ? 'val_recon' : 'recon'}`, metric: recon.metric, kind: 'final', lowerIsBetter: true },
    { key: `final-${kl.metric}`, label: `final ${split === 'val' ? 'val_KL' : 'KL'}`, metric: kl.metric, kind: 'final', lowerIsBetter: false },
  ]
}

/** A column's value for a run: the lowest over its epochs with that epoch, or the last epoch's. */
export function columnValue(epochs: readonly EpochMetrics[], column: CompareMetricColumn): { value: number; epoch: number } | null {
  if (column.kind === 'best') return bestEpoch(epochs, column.metric)
  const last = epochs.at(-1)
  return last ? { value: last[column.metric], epoch: last.epoch } : null
}

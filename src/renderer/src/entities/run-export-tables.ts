import type { MetricSeries, RunSummary } from '../../../shared/api'
import { CONFIG_KEYS } from '../../../shared/run-config-fields'
import type { ExportTable } from '../lib/export/csv-format'
import { RUN_METRICS } from './run-metrics'

const EPOCH_COLUMNS = ['epoch', 'loss', 'recon', 'kl', 'valLoss', 'valRecon', 'valKl', 'seconds', 'klWeight'] as const

/**
 * One row per run: what the runs table shows, every final metric and the whole config, so the
 * export can be re-read without the app.
 */
export function runsExportTable(runs: readonly RunSummary[]): ExportTable {
  return {
    columns: ['id', 'name', 'status', 'dataset', 'createdAt', 'finishedAt', 'epochs', 'tags', 'notes', ...RUN_METRICS.map((m) => m.key), ...CONFIG_KEYS],
    rows: runs.map((run) => [
      run.id,
      run.name,
      run.status,
      run.dataset,
      run.createdAt,
      run.finishedAt,
      run.epochs,
      run.tags.join(';'),
      run.notes,
      ...RUN_METRICS.map((m) => m.get(run)),
      ...CONFIG_KEYS.map((key) => run.config[key]),
    ]),
  }
}

/** Per-epoch metrics of compared runs in long form: one row per run and epoch. */
export function epochMetricsExportTable(runs: readonly RunSummary[], series: readonly MetricSeries[]): ExportTable {
  const names = new Map(runs.map((run) => [run.id, run.name]))
  return {
    columns: ['runId', 'name', ...EPOCH_COLUMNS],
    rows: series.flatMap((s) => s.epochs.map((e) => [s.runId, names.get(s.runId) ?? '', ...EPOCH_COLUMNS.map((key) => e[key])])),
  }
}

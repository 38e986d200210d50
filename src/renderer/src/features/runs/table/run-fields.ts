import type { RunSummary } from '../../../../../shared/api'
import { isConfigKey } from '../../../../../shared/run-config-fields'
import { runMetric } from '../../../entities/run-metrics'

/** The run's own columns (besides its metrics and its config's fields). */
const SUMMARY_FIELDS: Record<string, (run: RunSummary) => number | string | undefined> = {
  id: (run) => run.id,
  name: (run) => run.name,
  status: (run) => run.status,
  dataset: (run) => run.dataset,
  createdAt: (run) => run.createdAt,
}

/** A named value of a run: a summary column (id, name…), a metric (bestValLoss, loss…) or a config field (latentDim…). */
export function runFieldValue(run: RunSummary, field: string): number | string | undefined {
  if (isConfigKey(field)) {
    const value = run.config[field]
    // On/off fields sort and filter as the words a person types: "bidirectional=true".
    return typeof value === 'boolean' ? String(value) : value
  }
  const summary = SUMMARY_FIELDS[field]
  if (summary) return summary(run)
  return runMetric(field)?.get(run)
}

export function isKnownRunField(field: string): boolean {
  return isConfigKey(field) || field in SUMMARY_FIELDS || runMetric(field) !== undefined
}

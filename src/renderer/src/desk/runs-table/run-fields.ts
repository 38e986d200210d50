import type { RunSummary } from '../../../../shared/api'
import type { RunConfig } from '../../../../shared/run-config'
import { isConfigKey } from '../config/config-field-specs'
import { runMetric } from '../metrics/run-metrics'

/** The run's own columns that can be sorted or filtered without its config. */
const SUMMARY_FIELDS: Record<string, (run: RunSummary) => number | string | undefined> = {
  id: (run) => run.id,
  name: (run) => run.name,
  status: (run) => run.status,
  dataset: (run) => run.dataset,
  createdAt: (run) => run.createdAt,
}

/** Looks up a run's config when a config field is asked for (undefined while it is not loaded). */
export type ConfigLookup = (run: RunSummary) => RunConfig | undefined

/**
 * A named value of a run: a summary column (id, name…), a metric (bestValLoss, loss…) or a config
 * field (latentDim…). The config is looked up only for config fields, so a reactive caller
 * depends on the configs only when it really reads them.
 */
export function runFieldValue(run: RunSummary, configOf: ConfigLookup, field: string): number | string | undefined {
  if (isConfigKey(field)) {
    const value = configOf(run)?.[field]
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

import type { RunSummary } from './api'
import { isConfigKey, RUN_CONFIG_FIELDS, type ConfigKey } from './run-config-fields'

/**
 * Every run field the runs table shows, sorts and filters by, declared once: the run's own columns,
 * its metrics and (derived from `run-config-fields.ts`) its config's fields. `column` names the
 * `runs` table's column the Lab sorts and filters by in SQL (summary columns the store keeps up to
 * date as epochs are recorded); `get` reads the same value from a summary. A new metric column (a
 * test log-likelihood, say) is one entry in `RUN_METRICS` plus its column in a migration.
 */

/** Numbers compare by value; text compares for equality, ignoring case, and sorts A–Z. */
export type RunFieldKind = 'number' | 'text'

export interface RunField {
  key: string
  label: string
  kind: RunFieldKind
  /** The `runs` column holding the value; null for config fields (read from the stored config). */
  column: string | null
  get(run: RunSummary): number | string | undefined
}

/** A metric: a number a run may lack (no epochs yet). */
export interface RunMetricField extends RunField {
  kind: 'number'
  column: string
  get(run: RunSummary): number | undefined
}

/** The run's own columns (besides its metrics and its config's fields). */
export const RUN_OWN_FIELDS: readonly RunField[] = [
  { key: 'id', label: 'id', kind: 'number', column: 'id', get: (run) => run.id },
  { key: 'name', label: 'name', kind: 'text', column: 'name', get: (run) => run.name },
  { key: 'status', label: 'status', kind: 'text', column: 'status', get: (run) => run.status },
  { key: 'createdAt', label: 'created', kind: 'text', column: 'created_at', get: (run) => run.createdAt },
]

const last = (key: Exclude<keyof NonNullable<RunSummary['last']>, 'epoch'>, label: string, column: string): RunMetricField => ({
  key,
  label: `final ${label}`,
  kind: 'number',
  column,
  get: (run) => run.last?.[key],
})

/** A number to sort, filter, plot or export a run by: final metrics and the best epoch. The best val_loss (not the last) comes first. */
export const RUN_METRICS: readonly RunMetricField[] = [
  { key: 'bestValLoss', label: 'best val_loss', kind: 'number', column: 'best_val_loss', get: (run) => run.best?.valLoss },
  { key: 'bestEpoch', label: 'best epoch', kind: 'number', column: 'best_epoch', get: (run) => run.best?.epoch },
  last('valLoss', 'val_loss', 'last_val_loss'),
  last('loss', 'loss', 'last_loss'),
  last('recon', 'recon', 'last_recon'),
  last('kl', 'KL', 'last_kl'),
  last('valRecon', 'val_recon', 'last_val_recon'),
  last('valKl', 'val_KL', 'last_val_kl'),
  { key: 'epochsDone', label: 'epochs done', kind: 'number', column: 'epochs_done', get: (run) => run.epochsDone },
  last('seconds', 'seconds/epoch', 'last_seconds'),
  { key: 'params', label: 'parameters', kind: 'number', column: 'params', get: (run) => run.params ?? undefined },
  { key: 'logLikelihood', label: 'log p(x) ≥ (IWAE)', kind: 'number', column: 'log_likelihood', get: (run) => run.logLikelihood?.iwae },
]

function configField(key: ConfigKey): RunField {
  const meta = RUN_CONFIG_FIELDS[key]
  const numeric = meta.kind === 'int' || meta.kind === 'number'
  return {
    key,
    label: meta.label,
    kind: numeric ? 'number' : 'text',
    column: null,
    // On/off fields sort and filter as the words a person types: "bidirectional=true".
    get: (run) => {
      const value = run.config[key]
      return typeof value === 'boolean' ? String(value) : value
    },
  }
}

const FIELDS = new Map<string, RunField>([...RUN_OWN_FIELDS, ...RUN_METRICS].map((field) => [field.key, field]))

/** A field by key: own column, metric or config field; undefined for a name that is none of them. */
export function runField(key: string): RunField | undefined {
  if (isConfigKey(key)) return configField(key)
  return FIELDS.get(key)
}

export function runMetric(key: string): RunMetricField | undefined {
  return RUN_METRICS.find((metric) => metric.key === key)
}

export function isKnownRunField(key: string): boolean {
  return runField(key) !== undefined
}

export const CONDITION_OPS = ['=', '!=', '<', '<=', '>', '>='] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

/** "latentDim >= 3": one field compared with a value, as typed. */
export interface FieldCondition {
  field: string
  op: ConditionOp
  value: string
}

/** "latentDim>=3;bestValLoss<0.2": conditions as a URL or a command line writes them. */
export function formatConditions(conditions: readonly FieldCondition[]): string {
  return conditions.map((c) => `${c.field}${c.op}${c.value}`).join(';')
}

const CONDITION_PATTERN = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*$/

/** Each piece of "field op value;…" that names a known field and a value; `rejected` holds the others as written. */
export function parseConditions(text: string): { conditions: FieldCondition[]; rejected: string[] } {
  const conditions: FieldCondition[] = []
  const rejected: string[] = []
  for (const piece of text.split(';')) {
    if (piece.trim() === '') continue
    const match = CONDITION_PATTERN.exec(piece)
    if (match && isKnownRunField(match[1]) && match[3] !== '') conditions.push({ field: match[1], op: match[2] as ConditionOp, value: match[3] })
    else rejected.push(piece.trim())
  }
  return { conditions, rejected }
}

export interface RunSort {
  field: string
  descending: boolean
}

export const DEFAULT_SORT: RunSort = { field: 'id', descending: true }

/** The most runs one page (or one `listRuns` with a limit) returns. */
export const MAX_RUN_PAGE = 1000

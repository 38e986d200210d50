import type { RunId, RunSummary } from '../../../../../shared/api'
import { DEFAULT_SORT, isKnownRunField, type RunSort } from '../../../../../shared/run-fields'

export { DEFAULT_SORT, type RunSort } from '../../../../../shared/run-fields'

/** "-bestValLoss" is bestValLoss, highest first. The Lab sorts (runs without the value last either way). */
export function formatSort(sort: RunSort): string {
  return `${sort.descending ? '-' : ''}${sort.field}`
}

export function parseSort(text: string | undefined): RunSort {
  if (!text) return DEFAULT_SORT
  const descending = text.startsWith('-')
  const field = descending ? text.slice(1) : text
  return isKnownRunField(field) ? { field, descending } : DEFAULT_SORT
}

/** The pinned baseline first, wherever the sort would put it: it is what every other row is read against. */
export function baselineFirst(runs: readonly RunSummary[], baselineId: RunId | null): RunSummary[] {
  const index = baselineId === null ? -1 : runs.findIndex((run) => run.id === baselineId)
  return index <= 0 ? [...runs] : [runs[index], ...runs.slice(0, index), ...runs.slice(index + 1)]
}

import type { RunId, RunSummary } from '../../../../../shared/api'
import { isKnownRunField, runFieldValue } from './run-fields'

export interface RunSort {
  field: string
  descending: boolean
}

export const DEFAULT_SORT: RunSort = { field: 'id', descending: true }

/** "-bestValLoss" is bestValLoss, highest first. */
export function formatSort(sort: RunSort): string {
  return `${sort.descending ? '-' : ''}${sort.field}`
}

export function parseSort(text: string | undefined): RunSort {
  if (!text) return DEFAULT_SORT
  const descending = text.startsWith('-')
  const field = descending ? text.slice(1) : text
  return isKnownRunField(field) ? { field, descending } : DEFAULT_SORT
}

/**
 * Runs ordered by a field; runs without a value (no metrics yet, an empty sample limit) go last in
 * either direction, and ties keep newest first, so the order is stable as rows update.
 */
export function sortRuns(runs: readonly RunSummary[], sort: RunSort): RunSummary[] {
  const keyed = runs.map((run) => ({ run, value: runFieldValue(run, sort.field) }))
  const direction = sort.descending ? -1 : 1
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value !== b.value) return a.value === undefined ? 1 : -1
    } else if (a.value !== b.value) {
      const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value))
      if (order !== 0) return order * direction
    }
    return b.run.id - a.run.id
  })
  return keyed.map((entry) => entry.run)
}

/** The pinned baseline first, wherever the sort would put it: it is what every other row is read against. */
export function baselineFirst(runs: readonly RunSummary[], baselineId: RunId | null): RunSummary[] {
  const index = baselineId === null ? -1 : runs.findIndex((run) => run.id === baselineId)
  return index <= 0 ? [...runs] : [runs[index], ...runs.slice(0, index), ...runs.slice(index + 1)]
}

import type { RunStatus } from '../../../../../shared/api'
import { parseConditions as parseFieldConditions, type FieldCondition } from '../../../../../shared/run-fields'

export { CONDITION_OPS, type ConditionOp, type FieldCondition } from '../../../../../shared/run-fields'

/** What the filter bar holds; the Lab applies it (`RunQuery`), the URL keeps it. */
export interface RunTableFilter {
  /** Matched against name, notes, tags and "#id", ignoring case. */
  text: string
  /** Empty: every status. */
  statuses: RunStatus[]
  tag: string
  /** "latentDim >= 3": a config field or metric compared with a value; a run without the value fails it. */
  conditions: FieldCondition[]
}

export const EMPTY_FILTER: RunTableFilter = { text: '', statuses: [], tag: '', conditions: [] }

export function isFilterEmpty(filter: RunTableFilter): boolean {
  return filter.text.trim() === '' && filter.statuses.length === 0 && filter.tag === '' && filter.conditions.length === 0
}

export { formatConditions } from '../../../../../shared/run-fields'

/** Reads conditions back from the URL; pieces that name no known field are dropped. */
export function parseConditions(text: string): FieldCondition[] {
  return parseFieldConditions(text).conditions
}

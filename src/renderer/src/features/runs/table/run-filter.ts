import type { RunStatus } from '../../../../../shared/api'
import { isKnownRunField, type ConditionOp, type FieldCondition } from '../../../../../shared/run-fields'

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

/** "latentDim>=3;bestValLoss<0.2", the URL form of a filter's conditions. */
export function formatConditions(conditions: readonly FieldCondition[]): string {
  return conditions.map((c) => `${c.field}${c.op}${c.value}`).join(';')
}

const CONDITION_PATTERN = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*$/

/** Reads conditions back from the URL; pieces that name no known field are dropped. */
export function parseConditions(text: string): FieldCondition[] {
  return text
    .split(';')
    .map((piece) => CONDITION_PATTERN.exec(piece))
    .filter((match): match is RegExpExecArray => match !== null && isKnownRunField(match[1]) && match[3] !== '')
    .map((match) => ({ field: match[1], op: match[2] as ConditionOp, value: match[3] }))
}

import type { RunStatus, RunSummary } from '../../../../../shared/api'
import { isKnownRunField, runFieldValue } from './run-fields'

export const CONDITION_OPS = ['=', '!=', '<', '<=', '>', '>='] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

/** "latentDim >= 3": one config field or metric compared with a value. */
export interface FieldCondition {
  field: string
  op: ConditionOp
  value: string
}

export interface RunTableFilter {
  /** Matched against name, notes, tags and "#id", ignoring case. */
  text: string
  /** Empty: every status. */
  statuses: RunStatus[]
  tag: string
  conditions: FieldCondition[]
}

export const EMPTY_FILTER: RunTableFilter = { text: '', statuses: [], tag: '', conditions: [] }

export function isFilterEmpty(filter: RunTableFilter): boolean {
  return filter.text.trim() === '' && filter.statuses.length === 0 && filter.tag === '' && filter.conditions.length === 0
}

function compare(actual: number | string, op: ConditionOp, wanted: string): boolean {
  const wantedNumber = Number(wanted)
  if (typeof actual === 'number' && wanted.trim() !== '' && Number.isFinite(wantedNumber)) {
    switch (op) {
      case '=': return actual === wantedNumber
      case '!=': return actual !== wantedNumber
      case '<': return actual < wantedNumber
      case '<=': return actual <= wantedNumber
      case '>': return actual > wantedNumber
      case '>=': return actual >= wantedNumber
    }
  }
  // Text values (cell, dataset…) only compare for equality, without regard to case.
  const equal = String(actual).toLowerCase() === wanted.trim().toLowerCase()
  return op === '=' ? equal : op === '!=' ? !equal : false
}

export function matchesCondition(run: RunSummary, condition: FieldCondition): boolean {
  const actual = runFieldValue(run, condition.field)
  return actual !== undefined && compare(actual, condition.op, condition.value)
}

function matchesText(run: RunSummary, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (needle === '') return true
  if (`#${run.id}` === needle) return true
  return [run.name, run.notes, ...run.tags].some((value) => value.toLowerCase().includes(needle))
}

/** Whether a run passes every part of the filter; a condition on a value the run lacks (no metrics yet) fails. */
export function matchesFilter(run: RunSummary, filter: RunTableFilter): boolean {
  return (
    (filter.statuses.length === 0 || filter.statuses.includes(run.status)) &&
    (filter.tag === '' || run.tags.includes(filter.tag)) &&
    matchesText(run, filter.text) &&
    filter.conditions.every((condition) => matchesCondition(run, condition))
  )
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

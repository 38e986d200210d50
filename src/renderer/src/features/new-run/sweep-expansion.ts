import { RunConfigSchema, type RunConfigInput } from '../../../../shared/run-config'
import { configFieldSpec, type ConfigKey } from '../../../../shared/run-config-fields'
import { parseFieldText } from './config-form-values'

/** One swept field and the values it takes. */
export interface SweepAxis {
  key: ConfigKey
  values: (number | string)[]
}

/** One run of a sweep: the values its swept fields take, in axis order. */
export type SweepAssignment = { key: ConfigKey; value: number | string }[]

/** Most runs one sweep may queue; more is nearly always a typo (an extra value or a wrong field). */
export const MAX_SWEEP_RUNS = 100

export type ParsedSweepValues = { values: (number | string)[]; error: null } | { values: null; error: string }

/**
 * Reads a list such as "16, 32 64" for a field: values split at commas or spaces, each judged by
 * the field's own schema so a refusal reads exactly like the form's. Repeats are dropped.
 */
export function parseSweepValues(key: ConfigKey, text: string): ParsedSweepValues {
  const spec = configFieldSpec(key)
  const pieces = text.split(/[\s,;]+/).filter((piece) => piece !== '')
  if (pieces.length === 0) return { values: null, error: `list one or more values for ${key}, separated by commas` }
  const values: (number | string)[] = []
  for (const piece of pieces) {
    const value = parseFieldText(spec, piece)
    const checked = RunConfigSchema.shape[key].safeParse(value)
    if (!checked.success) return { values: null, error: `"${piece}": ${checked.error.issues[0].message}` }
    if (!values.includes(value as number | string)) values.push(value as number | string)
  }
  return { values, error: null }
}

/** Every combination of the axes' values (the first axis varies slowest). */
export function sweepAssignments(axes: readonly SweepAxis[]): SweepAssignment[] {
  return axes.reduce<SweepAssignment[]>(
    (combos, axis) => combos.flatMap((combo) => axis.values.map((value) => [...combo, { key: axis.key, value }])),
    [[]],
  )
}

/** The base configuration with one assignment's values set. */
export function applyAssignment(base: RunConfigInput, assignment: SweepAssignment): RunConfigInput {
  return { ...base, ...Object.fromEntries(assignment.map(({ key, value }) => [key, value])) }
}

/** "warm-up · latentDim=2 · klWeight=0.1": the base name (if any) and what this run sets. */
export function sweepRunName(baseName: string, assignment: SweepAssignment): string {
  const parts = assignment.map(({ key, value }) => `${key}=${value}`)
  return [baseName.trim(), ...parts].filter((part) => part !== '').join(' · ')
}

/** The number of runs a sweep queues, and why it may not be queued. */
export function sweepSizeProblem(axes: readonly SweepAxis[]): string | null {
  const keys = axes.map((axis) => axis.key)
  if (new Set(keys).size !== keys.length) return 'sweep two different fields'
  const size = axes.reduce((n, axis) => n * axis.values.length, 1)
  return size > MAX_SWEEP_RUNS ? `this sweep would queue ${size} runs; at most ${MAX_SWEEP_RUNS} at once` : null
}

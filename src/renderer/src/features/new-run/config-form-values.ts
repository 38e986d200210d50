import { RunConfigSchema, type RunConfig, type RunConfigInput } from '../../../../shared/run-config'
import { CONFIG_FIELD_SPECS, type ConfigFieldSpec, type ConfigKey } from '../../../../shared/run-config-fields'

/** What the form holds: each field as the text the user typed (numbers stay editable mid-entry). */
export type ConfigFormValues = Record<ConfigKey, string>

/** Per field, the schema's sentence about why its value is refused. */
export type ConfigFieldErrors = Partial<Record<ConfigKey, string>>

export function formValuesFrom(config: Partial<RunConfig>): ConfigFormValues {
  return Object.fromEntries(CONFIG_FIELD_SPECS.map((spec) => [spec.key, config[spec.key] === undefined ? '' : String(config[spec.key])])) as ConfigFormValues
}

/**
 * One field's text as the value the schema should judge. Empty optional fields are left out (the
 * Lab then uses all samples); empty required numbers become NaN so the schema, not the form,
 * words the refusal.
 */
export function parseFieldText(spec: ConfigFieldSpec, text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return spec.optional ? undefined : spec.kind === 'int' || spec.kind === 'number' ? Number.NaN : ''
  if (spec.kind === 'int' || spec.kind === 'number') return Number(trimmed)
  // A checkbox writes exactly "true" or "false"; anything else is left for the schema to refuse.
  if (spec.kind === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true'
  return trimmed
}

export function configInputFrom(values: ConfigFormValues): RunConfigInput {
  const input: Record<string, unknown> = {}
  for (const spec of CONFIG_FIELD_SPECS) {
    const value = parseFieldText(spec, values[spec.key])
    if (value !== undefined) input[spec.key] = value
  }
  return input as RunConfigInput
}

export type ConfigValidation = { config: RunConfig; errors: Record<string, never> } | { config: null; errors: ConfigFieldErrors }

/** Validates with the shared schema, the same one the Lab applies, and files each sentence under its field. */
export function validateConfig(input: RunConfigInput): ConfigValidation {
  const parsed = RunConfigSchema.safeParse(input)
  if (parsed.success) return { config: parsed.data, errors: {} }
  const errors: ConfigFieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as ConfigKey | undefined
    if (key !== undefined && errors[key] === undefined) errors[key] = issue.message
  }
  return { config: null, errors }
}

/**
 * A number field's text one step up or down (↑ / ↓ in the form), kept within the field's bounds;
 * null where there is nothing to step: not a number field, or text that is not a number yet.
 */
export function steppedFieldText(spec: ConfigFieldSpec, text: string, direction: 1 | -1): string | null {
  const value = Number(text)
  if (spec.step === undefined || text.trim() === '' || !Number.isFinite(value)) return null
  // Twelve significant digits drop the binary noise of the sum (0.01 + 0.001 is 0.011, not 0.011000000000000001).
  const next = Number((value + direction * spec.step).toPrecision(12))
  if (spec.max !== undefined && next > spec.max) return String(spec.max)
  if (spec.min !== undefined && (next < spec.min || (spec.exclusiveMin && next === spec.min))) return spec.exclusiveMin ? text : String(spec.min)
  return String(next)
}

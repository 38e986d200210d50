import type { z } from 'zod'
import { RUN_CONFIG_FIELDS, RunConfigSchema, type RunConfig } from '../../../../shared/run-config'

export type ConfigKey = keyof RunConfig

/** How a field is entered and compared: integers, real numbers, a fixed set of choices, on/off, free text. */
export type FieldKind = 'int' | 'number' | 'enum' | 'boolean' | 'string'

export interface ConfigFieldSpec {
  key: ConfigKey
  label: string
  unit?: string
  help: string
  kind: FieldKind
  /** The schema's own statement of what it accepts, e.g. "an integer between 1 and 64". */
  range: string
  /** Numeric bounds read from that statement (absent for enums and text). */
  min?: number
  max?: number
  /** True where `min` itself is refused ("greater than 0"). */
  exclusiveMin?: boolean
  /** The choices of an enum field. */
  options?: readonly string[]
  /** Optional fields may be left empty (e.g. the sample limits: empty means "all"). */
  optional: boolean
}

type AnySchema = z.ZodType & { _zod: { def: { type: string; innerType?: AnySchema; entries?: Record<string, string> } } }

function unwrap(schema: AnySchema): AnySchema {
  let inner = schema
  while (inner._zod.def.innerType) inner = inner._zod.def.innerType
  return inner
}

const BOUNDS: { pattern: RegExp; exclusiveMin: boolean }[] = [
  { pattern: /between (\S+) and (\S+)$/, exclusiveMin: false },
  { pattern: /from (\S+) to (\S+)$/, exclusiveMin: false },
  { pattern: /greater than (\S+) and at most (\S+)$/, exclusiveMin: true },
]

/**
 * Reads a field's spec from RunConfigSchema itself, so the form can never drift from what the Lab
 * accepts: the schema answers a value it must refuse (NaN) with its sentence for the field, e.g.
 * "latentDim must be an integer between 1 and 64"; the range and bounds are read from that sentence.
 */
function specFor(key: ConfigKey): ConfigFieldSpec {
  const schema = RunConfigSchema.shape[key] as unknown as AnySchema
  const inner = unwrap(schema)
  const refusal = inner.safeParse(Number.NaN)
  const sentence = refusal.success ? '' : refusal.error.issues[0].message
  const range = sentence.replace(new RegExp(`^${key} must be `), '')
  const spec: ConfigFieldSpec = { key, ...RUN_CONFIG_FIELDS[key], kind: 'string', range, optional: schema._zod.def.type === 'optional' }
  if (inner._zod.def.type === 'enum') return { ...spec, kind: 'enum', options: Object.values(inner._zod.def.entries ?? {}) }
  if (inner._zod.def.type === 'boolean') return { ...spec, kind: 'boolean' }
  if (inner._zod.def.type !== 'number') return spec
  spec.kind = range.startsWith('an integer') ? 'int' : 'number'
  for (const { pattern, exclusiveMin } of BOUNDS) {
    const match = pattern.exec(range)
    if (match) return { ...spec, min: Number(match[1]), max: Number(match[2]), exclusiveMin }
  }
  return spec
}

/** Every RunConfig field in the schema's order, with what the form and the tables need to know. */
export const CONFIG_FIELD_SPECS: readonly ConfigFieldSpec[] = (Object.keys(RunConfigSchema.shape) as ConfigKey[]).map(specFor)

export const CONFIG_KEYS: readonly ConfigKey[] = CONFIG_FIELD_SPECS.map((spec) => spec.key)

export function configFieldSpec(key: ConfigKey): ConfigFieldSpec {
  const spec = CONFIG_FIELD_SPECS.find((s) => s.key === key)
  if (!spec) throw new Error(`unknown config field ${key}`)
  return spec
}

export function isConfigKey(name: string): name is ConfigKey {
  return (CONFIG_KEYS as readonly string[]).includes(name)
}

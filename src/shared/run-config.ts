import { z } from 'zod'
import { acceptedRange, CONFIG_KEYS, RUN_CONFIG_FIELDS, type ConfigFieldMeta } from './run-config-fields'
import { integer } from './schema-fields'

export {
  BACKEND_CHOICES,
  CELL_TYPES,
  ENGINE_CHOICES,
  LIKELIHOODS,
  VAL_SPLITS,
  RUN_CONFIG_FIELDS,
  type BackendChoice,
  type CellType,
  type EngineChoice,
  type Likelihood,
  type ValSplit,
} from './run-config-fields'

/**
 * Run configuration, validated by a schema built from the field table in `run-config-fields.ts`.
 * Every refusal is one sentence a user can act on, "<field> must be <what it accepts>", whichever
 * check failed; see `describeValidationError`.
 */
function real(message: string, min: number, max: number, exclusiveMin: boolean) {
  return z
    .number({ error: message })
    .refine(Number.isFinite, { error: message })
    .refine((v) => (exclusiveMin ? v > min : v >= min), { error: message })
    .refine((v) => v <= max, { error: message })
}

function valueSchema(key: string, field: ConfigFieldMeta): z.ZodType {
  const message = `${key} must be ${acceptedRange(field)}`
  switch (field.kind) {
    case 'int':
      return integer(key, field.min, field.max, message)
    case 'number':
      return real(message, field.min, field.max, field.exclusiveMin === true)
    case 'enum':
      return z.enum(field.options as readonly [string, ...string[]], { error: message })
    case 'boolean':
      return z.boolean({ error: message })
    case 'string':
      return z.string({ error: message }).min(1, { error: message })
  }
}

/** The value type the table declares for a field: its choices, on/off, text or a number. */
type ValueOf<F> = F extends { kind: 'enum'; options: readonly (infer O)[] } ? O : F extends { kind: 'boolean' } ? boolean : F extends { kind: 'string' } ? string : number
type FieldSchema<F> = F extends { optional: true } ? z.ZodOptional<z.ZodType<ValueOf<F>, ValueOf<F>>> : z.ZodDefault<z.ZodType<ValueOf<F>, ValueOf<F>>>
type Fields = typeof RUN_CONFIG_FIELDS
type RunConfigShape = { -readonly [K in keyof Fields]: FieldSchema<Fields[K]> }

const shape = Object.fromEntries(
  CONFIG_KEYS.map((key) => {
    const field: ConfigFieldMeta = RUN_CONFIG_FIELDS[key]
    const schema = valueSchema(key, field)
    return [key, field.optional ? schema.optional() : schema.default(field.default)]
  }),
) as unknown as RunConfigShape

export const RunConfigSchema = z.object(shape).strict()

/** What a caller may send: every field optional, defaults fill the rest. */
export type RunConfigInput = z.input<typeof RunConfigSchema>
/** A complete, validated configuration, stored whole with each run. */
export type RunConfig = z.output<typeof RunConfigSchema>

export const DEFAULT_RUN_CONFIG: RunConfig = RunConfigSchema.parse({})

import { CONFIG_KEYS, RUN_CONFIG_FIELDS, type ConfigFieldMeta, type ConfigKey } from '../../shared/run-config-fields'
import type { RunConfigInput } from '../../shared/run-config'
import { numberFlag } from './cli-args'

type Fields = typeof RUN_CONFIG_FIELDS

/** `batchSize` → `batch-size`, at the type level, so each flag's name is known to the compiler. */
type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}` : S

/** A field's flag: the one the field table names (`--lr`), else its key in kebab case (`--batch-size`). */
type FlagOf<K extends ConfigKey> = Fields[K] extends { flag: infer F extends string } ? F : KebabCase<K>
type FlagType<K extends ConfigKey> = Fields[K]['kind'] extends 'boolean' ? 'boolean' : 'string'

/** One flag per config field, by construction: the mapped type and the loop below both run over every key. */
type RunConfigOptions = { [K in ConfigKey as FlagOf<K>]: { type: FlagType<K> } }

function flagOf(key: ConfigKey): string {
  const field: ConfigFieldMeta = RUN_CONFIG_FIELDS[key]
  return field.flag ?? key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}

/**
 * Flags of `seqvae train` that set config fields, derived from the field table: each maps to the
 * field of the same meaning. Only the flags given reach the config, so the dataset's suggested
 * settings fill the rest.
 */
export const RUN_CONFIG_OPTIONS = Object.fromEntries(
  CONFIG_KEYS.map((key) => [flagOf(key), { type: RUN_CONFIG_FIELDS[key].kind === 'boolean' ? 'boolean' : 'string' }]),
) as RunConfigOptions

type FlagValues = { [F in keyof RunConfigOptions]?: RunConfigOptions[F]['type'] extends 'boolean' ? boolean : string }

export function runConfigFromFlags(values: FlagValues): RunConfigInput {
  const given: Record<string, string | boolean | undefined> = values
  const config: Record<string, unknown> = {}
  for (const key of CONFIG_KEYS) {
    const value = given[flagOf(key)]
    if (value === undefined) continue
    const kind = RUN_CONFIG_FIELDS[key].kind
    // Numbers stay NaN when unparsable, for the schema to name the field in its sentence.
    config[key] = (kind === 'int' || kind === 'number') && typeof value === 'string' ? numberFlag(value) : value
  }
  return config as RunConfigInput
}

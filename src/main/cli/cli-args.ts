import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../../shared/errors'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** Strict flag parsing whose failures read as one sentence ("unknown option --foo"). */
export function parseCommandArgs<O extends OptionSpec>(command: string, args: string[], options: O, maxPositionals = 0) {
  let parsed
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: maxPositionals > 0 })
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.+)'$/, 'unknown option $1')
    throw new UserError(`seqvae ${command}: ${message}`)
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UserError(`seqvae ${command}: unexpected argument "${parsed.positionals[maxPositionals]}"`)
  }
  return parsed
}

/** A run id from the command line: a positive integer, with a sentence otherwise. */
export function parseRunId(command: string, value: string | undefined): number {
  if (value === undefined) throw new UserError(`seqvae ${command}: missing run id (see \`seqvae runs\`)`)
  const id = Number(value)
  if (!Number.isInteger(id) || id < 1) throw new UserError(`seqvae ${command}: "${value}" is not a run id (a positive integer)`)
  return id
}

/** An integer flag from `min` to `max` (`fallback` when absent), with the sentence "--name must be an integer from min to max, not …". */
export function integerFlag(command: string, name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UserError(`seqvae ${command}: --${name} must be an integer from ${min} to ${max}, not "${value}"`)
  return n
}

/** A numeric flag value: kept as NaN when unparsable so the config schema names the field in its sentence. */
export function numberFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  return value.trim() === '' ? Number.NaN : Number(value)
}

export const dataDirOption = { 'data-dir': { type: 'string' } } as const
export const jsonOption = { json: { type: 'boolean' } } as const

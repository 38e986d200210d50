import type { RunConfigInput } from './run-config'
import { RUN_CONFIG_FIELDS } from './run-config-fields'

/** At most this many seeds per "repeat with N seeds" (a replicate group, not a sweep). */
export const MAX_REPLICATES = 100

/** One replicate: the config with its seed, and its name ("wide GRU · seed 43"). */
export interface Replicate {
  config: RunConfigInput
  name: string
}

/**
 * A group of runs that differ only in seed: seeds `seed`, `seed + 1`, … from the config's seed (its
 * default where absent), each named after the group's name and its seed.
 */
export function replicates(config: RunConfigInput, count: number, name: string): Replicate[] {
  const first = config.seed ?? RUN_CONFIG_FIELDS.seed.default
  return Array.from({ length: count }, (_, i) => {
    const seed = first + i
    return { config: { ...config, seed }, name: replicateName(name, seed) }
  })
}

export function replicateName(name: string, seed: number): string {
  return name.trim() === '' ? `seed ${seed}` : `${name.trim()} · seed ${seed}`
}

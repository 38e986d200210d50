import { describeValidationError } from '../../../shared/errors'
import { RunConfigSchema, type RunConfig } from '../../../shared/run-config'

export interface StoredConfig {
  config: RunConfig
  /** Why this version cannot use the stored config, or null when it can. */
  problem: string | null
}

/**
 * Configs are stored whole. One written by an older version lacks the fields added since: they take
 * their defaults, which is what that version did, so the run reads (and resumes) as it ran. One this
 * version cannot accept at all (a field removed since, a value out of today's range) is shown as
 * stored, with the reason, and is refused for resuming.
 */
export function readStoredConfig(json: string): StoredConfig {
  const raw = JSON.parse(json) as Record<string, unknown>
  const parsed = RunConfigSchema.safeParse(raw)
  if (parsed.success) return { config: parsed.data, problem: null }
  return { config: raw as RunConfig, problem: describeValidationError(parsed.error) }
}

import type { RunConfig } from '../../../../shared/run-config'
import { CONFIG_KEYS, type ConfigKey } from '../../../../shared/run-config-fields'

/** Config fields whose value is not the same in every config, in schema order. */
export function differingKeys(configs: readonly Partial<RunConfig>[]): ConfigKey[] {
  return CONFIG_KEYS.filter((key) => new Set(configs.map((config) => config[key])).size > 1)
}

/** The fields every config agrees on, with that shared value (for a "same in all" line). */
export function sharedValues(configs: readonly Partial<RunConfig>[]): { key: ConfigKey; value: unknown }[] {
  if (configs.length === 0) return []
  const differing = new Set(differingKeys(configs))
  return CONFIG_KEYS.filter((key) => !differing.has(key)).map((key) => ({ key, value: configs[0][key] }))
}

import type { RunConfig } from '../../../../shared/run-config'
import { isConfigKey, type ConfigKey } from '../../../../shared/run-config-fields'
import { formValuesFrom, type ConfigFormValues } from './config-form-values'

/**
 * Applies a newly chosen dataset's suggested settings (e.g. a Gaussian likelihood for z-scored
 * data) to the form, in place, without overriding what the user typed: fields in `edited` keep
 * their value; fields the previous dataset's suggestion had set (`previous`) and the new one does
 * not mention go back to their starting value. Returns the fields that now hold a suggestion.
 */
export function applyDatasetSuggestion(
  values: ConfigFormValues,
  start: ConfigFormValues,
  suggestion: Partial<Omit<RunConfig, 'dataset'>>,
  edited: ReadonlySet<ConfigKey>,
  previous: ReadonlySet<ConfigKey>,
): Set<ConfigKey> {
  const suggestedText = formValuesFrom(suggestion as Partial<RunConfig>)
  const keys = Object.keys(suggestion).filter((key): key is ConfigKey => isConfigKey(key) && key !== 'dataset' && suggestion[key as keyof typeof suggestion] !== undefined)
  for (const key of previous) if (!edited.has(key) && !keys.includes(key)) values[key] = start[key]
  const applied = new Set<ConfigKey>()
  for (const key of keys) {
    if (edited.has(key)) continue
    values[key] = suggestedText[key]
    applied.add(key)
  }
  return applied
}

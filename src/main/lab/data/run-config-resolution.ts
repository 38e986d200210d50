import { describeValidationError, UserError } from '../../../shared/errors'
import { RunConfigSchema, type RunConfig, type RunConfigInput } from '../../../shared/run-config'
import type { DatasetRepository } from '../store/dataset-repository'
import type { DatasetCatalogue } from './dataset-catalogue'

function parseConfig(input: unknown): RunConfig {
  const parsed = RunConfigSchema.safeParse(input)
  if (!parsed.success) throw new UserError(describeValidationError(parsed.error))
  return parsed.data
}

/** Fields set to `undefined` count as not given (an in-process caller spreading optional values). */
function givenFields(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
}

/**
 * The config a run is created with: what the caller set, over the dataset's suggested settings
 * (DatasetInfo.suggestedConfig), over the defaults. Refuses a Bernoulli likelihood for an imported
 * dataset whose values leave [0, 1], where BCE has no meaning.
 */
export function resolveRunConfig(input: RunConfigInput | undefined, catalogue: DatasetCatalogue, datasets: DatasetRepository): RunConfig {
  const given = givenFields(input ?? {})
  const { dataset } = parseConfig(given)
  const { suggestedConfig } = catalogue.find(dataset).info()
  const config = parseConfig({ ...suggestedConfig, ...(given as object) })
  if (config.likelihood === 'bernoulli') checkUnitRange(config.dataset, datasets)
  return config
}

function checkUnitRange(dataset: string, datasets: DatasetRepository): void {
  const record = datasets.find(dataset)
  // Built-ins and min-max imports lie in [0, 1] by construction.
  if (!record || record.normalisation.kind === 'min-max') return
  const advice = `use likelihood "gaussian" (squared error), or import it again with min-max normalisation`
  if (record.normalisation.kind === 'z-score') {
    throw new UserError(`dataset "${dataset}" is z-scored, so its values lie outside [0, 1] where a Bernoulli likelihood has no meaning; ${advice}`)
  }
  // `none` keeps the file's values: only reading them tells whether they fit.
  const { data } = datasets.contents(dataset)
  const outside = data.findIndex((v) => !(v >= 0 && v <= 1))
  if (outside >= 0) {
    throw new UserError(`dataset "${dataset}" holds values outside [0, 1] (such as ${data[outside]}) where a Bernoulli likelihood has no meaning; ${advice}`)
  }
}

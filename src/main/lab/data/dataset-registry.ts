import type { DatasetInfo } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { DatasetSource } from './dataset-source'
import { fashionMnistSource } from './fashion-mnist'
import { mnistSource } from './mnist'
import { syntheticSineSources } from './synthetic-sines'

/** The datasets a run can name. Sources are cheap to create; `load()` does the work. */
export function builtInSources(): DatasetSource[] {
  return [mnistSource(), fashionMnistSource(), ...syntheticSineSources()]
}

/** Built-in datasets, then the `imported` ones (see data/import/imported-dataset-source.ts). */
export function listDatasets(imported: readonly DatasetSource[] = []): DatasetInfo[] {
  return [...builtInSources(), ...imported].map((s) => s.info())
}

export function findDataset(name: string, imported: readonly DatasetSource[] = []): DatasetSource {
  const sources = [...builtInSources(), ...imported]
  const source = sources.find((s) => s.info().name === name)
  if (!source) {
    throw new UserError(`unknown dataset "${name}"; available: ${sources.map((s) => s.info().name).join(', ')}`, 'not-found')
  }
  const info = source.info()
  if (!info.available) throw new UserError(`dataset "${name}" is not available: ${info.hint ?? 'its files are missing'}`, 'unavailable')
  return source
}

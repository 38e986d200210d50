import type { DatasetInfo } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { DatasetSource } from './dataset-source'
import { mnistSource } from './mnist'

/** The datasets a run can name. Sources are cheap to create; `load()` does the work. */
function builtInSources(): DatasetSource[] {
  return [mnistSource()]
}

export function listDatasets(): DatasetInfo[] {
  return builtInSources().map((s) => s.info())
}

export function findDataset(name: string): DatasetSource {
  const sources = builtInSources()
  const source = sources.find((s) => s.info().name === name)
  if (!source) {
    throw new UserError(`unknown dataset "${name}"; available: ${sources.map((s) => s.info().name).join(', ')}`, 'not-found')
  }
  const info = source.info()
  if (!info.available) throw new UserError(`dataset "${name}" is not available: ${info.hint ?? 'its files are missing'}`, 'unavailable')
  return source
}

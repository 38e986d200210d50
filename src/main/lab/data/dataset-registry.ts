import type { DatasetInfo } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { DatasetSource } from './dataset-source'
import { fashionMnistSource } from './fashion-mnist'
import { mnistSource } from './mnist'
import { selectSequences, type SequenceSet } from './sequence-set'
import { syntheticSineSources } from './synthetic-sines'

/** A built-in dataset, which its page previews without loading the whole training pool. */
export interface BuiltInSource extends DatasetSource {
  /** The training pool's first `count` sequences (fewer if it holds fewer). */
  preview(count: number): Promise<SequenceSet>
}

/** Generated datasets are small and quick to make: their preview is the start of the whole pool. */
function previewByLoading(source: DatasetSource): BuiltInSource {
  return {
    ...source,
    preview: async (count) => {
      const { pool } = await source.load()
      return selectSequences(pool, Int32Array.from({ length: Math.min(count, pool.count) }, (_, i) => i))
    },
  }
}

/**
 * The datasets a run can name. Sources are cheap to create: their info is constants (and, for
 * Fashion-MNIST, whether its files exist); only `load()` and `preview()` read data.
 */
export function builtInSources(): BuiltInSource[] {
  return [mnistSource(), fashionMnistSource(), ...syntheticSineSources().map(previewByLoading)]
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

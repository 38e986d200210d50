import type { SequenceBatch } from '../../../shared/api'
import type { Normalisation } from '../../../shared/datasets'
import { denormalise } from '../data/import/normalisation'
import type { DatasetRepository } from '../store/dataset-repository'

/**
 * Models see an imported dataset in the units its normalisation maps to; people should see the
 * file's own units. Every sequence a view returns goes through here on its way out (errors stay
 * in model units: that is what the model was trained to minimise). Built-in datasets are stored in
 * the units they are shown in, so they pass through unchanged.
 */
export class OriginalUnits {
  constructor(private readonly datasets: DatasetRepository) {}

  /** The dataset's stored normalisation, or null for a built-in. */
  normalisationOf(dataset: string): Normalisation | null {
    return this.datasets.find(dataset)?.normalisation ?? null
  }

  /** `batch` in the dataset's original units (a new batch; the same one for built-ins). */
  batch(dataset: string, batch: SequenceBatch): SequenceBatch {
    return toOriginalUnits(batch, this.normalisationOf(dataset))
  }
}

export function toOriginalUnits(batch: SequenceBatch, normalisation: Normalisation | null): SequenceBatch {
  return normalisation ? { ...batch, data: denormalise(batch.data, normalisation) } : batch
}

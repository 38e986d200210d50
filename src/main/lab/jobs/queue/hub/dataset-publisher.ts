import type { Redis } from 'ioredis'
import { UserError } from '../../../../../shared/errors'
import { packageImportedDataset } from '../../../data/import/dataset-package'
import type { DatasetRepository } from '../../../store/dataset-repository'
import { datasetKey } from '../queue-keys'
import { MAX_DATASET_BYTES, type TrainingJob } from '../training-job'

/** A published dataset stays this long after the last run that used it was sent. */
const DATASET_TTL_SECONDS = 30 * 24 * 3600

/**
 * Publishes imported datasets to the queue's Redis under the SHA-256 of their package, for workers
 * to fetch once and cache (built-ins are on every worker already). Each is packaged and hashed once
 * per hub; a later run on it only refreshes its lifetime.
 */
export class DatasetPublisher {
  private readonly published = new Map<string, NonNullable<TrainingJob['dataset']>>()

  constructor(
    private readonly datasets: DatasetRepository,
    private readonly redis: Redis,
  ) {}

  /** Refuses, before a run is stored, a dataset too large to travel. */
  checkSize(name: string): void {
    const record = this.datasets.find(name)
    if (!record) return
    const bytes = record.count * record.steps * record.features * 4
    if (bytes > MAX_DATASET_BYTES) {
      throw new UserError(
        `dataset "${name}" holds ${Math.round(bytes / 2 ** 20)} MiB of series, more than the ${MAX_DATASET_BYTES / 2 ** 20} MiB a queue carries; train it without the queue or import a smaller part of it`,
      )
    }
  }

  /** The job's reference to the dataset, published if needed; null for a built-in. */
  async publish(name: string): Promise<TrainingJob['dataset']> {
    const record = this.datasets.find(name)
    if (!record) return null
    // Keyed by id and time of import: a dataset deleted and imported again under its name is new data.
    const identity = `${record.id}:${record.createdAt}`
    let reference = this.published.get(identity)
    if (reference && (await this.redis.expire(datasetKey(reference.sha256), DATASET_TTL_SECONDS)) === 1) return reference
    const { bytes, sha256 } = packageImportedDataset(this.datasets, name)
    if (bytes.length > MAX_DATASET_BYTES) throw new UserError(`dataset "${name}" packages to ${bytes.length} bytes, more than the queue's ${MAX_DATASET_BYTES}`)
    await this.redis.set(datasetKey(sha256), bytes, 'EX', DATASET_TTL_SECONDS)
    reference = { sha256, bytes: bytes.length }
    this.published.set(identity, reference)
    return reference
  }
}

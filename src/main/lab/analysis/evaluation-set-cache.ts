import type { SequenceBatch } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { DatasetSource } from '../data/dataset-source'
import { selectSequences, type SequenceSet } from '../data/sequence-set'

/**
 * Keeps each dataset's test set in memory once loaded (MNIST's takes about a second to read and
 * holds 31 MB), so every view that shows inputs after the first is immediate.
 */
export class EvaluationSetCache {
  private readonly sets = new Map<string, Promise<SequenceSet>>()

  /** `find` resolves a dataset name, built-in or imported (the Lab passes its store's catalogue). */
  constructor(private readonly find: (name: string) => DatasetSource) {}

  testSet(dataset: string): Promise<SequenceSet> {
    const cached = this.sets.get(dataset)
    if (cached) return cached
    const source = this.find(dataset)
    // Only the test set is kept; the training pool that load() also reads is dropped here.
    const loading = source.load().then(({ test }) => test)
    this.sets.set(dataset, loading)
    loading.catch(() => this.sets.delete(dataset))
    return loading
  }

  /** Drops a dataset's test set, so a dataset imported again under a deleted one's name is read afresh. */
  forget(dataset: string): void {
    this.sets.delete(dataset)
  }

  /** The test-set sequences at `indices`, in that order. */
  async inputs(dataset: string, indices: ArrayLike<number>): Promise<SequenceBatch> {
    const test = await this.testSet(dataset)
    for (let i = 0; i < indices.length; i++) {
      if (!(indices[i] >= 0 && indices[i] < test.count)) {
        throw new UserError(`sample ${indices[i]} is not in the ${dataset} test set (indices 0 to ${test.count - 1})`, 'not-found')
      }
    }
    const { count, steps, features, data } = selectSequences(test, indices)
    return { count, steps, features, data }
  }
}

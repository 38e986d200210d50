/** Row-major sequences [count, steps, features] with optional integer labels: what models train on. */
export interface SequenceSet {
  count: number
  steps: number
  features: number
  data: Float32Array
  /** Class label per sequence, or null for unlabelled data. */
  labels: Int32Array | null
}

/** The sets a run uses: train and validation split from one pool, test kept apart for evaluation. */
export interface DatasetSplits {
  train: SequenceSet
  val: SequenceSet
  test: SequenceSet
  /** Index in the test set of each test sequence kept (limits may keep a prefix). */
  testIndices: Int32Array
}

export function sequenceSize(set: Pick<SequenceSet, 'steps' | 'features'>): number {
  return set.steps * set.features
}

/** Copies the sequences at `indices` (in that order) into a new set. */
export function selectSequences(set: SequenceSet, indices: ArrayLike<number>): SequenceSet {
  const size = sequenceSize(set)
  const data = new Float32Array(indices.length * size)
  const labels = set.labels ? new Int32Array(indices.length) : null
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]
    data.set(set.data.subarray(k * size, (k + 1) * size), i * size)
    if (labels && set.labels) labels[i] = set.labels[k]
  }
  return { count: indices.length, steps: set.steps, features: set.features, data, labels }
}

/** Copies the sequences at `indices` into `out` (a preallocated batch buffer); returns `out`. */
export function gatherInto(set: SequenceSet, indices: ArrayLike<number>, from: number, n: number, out: Float32Array): Float32Array {
  const size = sequenceSize(set)
  for (let i = 0; i < n; i++) {
    const k = indices[from + i]
    out.set(set.data.subarray(k * size, (k + 1) * size), i * size)
  }
  return out
}

import type { SequenceBatch } from '../../../../shared/api'

/** Sequence `i` of a batch as a batch of one, sharing the parent's memory. */
export function sequenceAt(batch: SequenceBatch, i: number): SequenceBatch {
  if (!Number.isInteger(i) || i < 0 || i >= batch.count) throw new RangeError(`sequence ${i} is outside a batch of ${batch.count}`)
  const size = batch.steps * batch.features
  return { count: 1, steps: batch.steps, features: batch.features, data: batch.data.subarray(i * size, (i + 1) * size) }
}

/** Every sequence of a batch, in order. */
export function sequencesOf(batch: SequenceBatch): SequenceBatch[] {
  return Array.from({ length: batch.count }, (_, i) => sequenceAt(batch, i))
}

/** Row `i` of a row-major [count, dim] matrix, as plain numbers (a latent point's coordinates). */
export function rowAt(matrix: Float32Array, dim: number, i: number): number[] {
  return Array.from(matrix.subarray(i * dim, (i + 1) * dim))
}

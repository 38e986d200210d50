import type { BatchMetric } from '../../../../../shared/api'

/**
 * Where sampled batch losses sit on an epoch axis: an epoch's samples spread evenly over
 * (epoch − 1, epoch], the last at the epoch's end where its epoch loss is drawn. The sampling
 * interval is regular, so this is exact up to the position of the first sample.
 */
export function batchEpochPositions(batches: readonly BatchMetric[]): [number, number][] {
  const perEpoch = new Map<number, number>()
  for (const b of batches) perEpoch.set(b.epoch, (perEpoch.get(b.epoch) ?? 0) + 1)
  const seen = new Map<number, number>()
  return batches.map((b) => {
    const k = (seen.get(b.epoch) ?? 0) + 1
    seen.set(b.epoch, k)
    return [b.epoch - 1 + k / perEpoch.get(b.epoch)!, b.loss]
  })
}

import type { EpochLatentSnapshot } from '../../../shared/latent-timeline'
import { SeededRandom } from '../common/seeded-random'

/** Validation samples whose codes every epoch keeps: enough to see the shape form, small enough to store each epoch (4 kB per latent dimension). */
export const SNAPSHOT_SAMPLES = 1000

/** Mixed into the run's seed so the subset's draw is independent of the data split's (which uses the seed itself). */
const SUBSET_SEED_SALT = 0x5eed_0009

/**
 * The validation positions a run snapshots: `size` of them (all when the set is smaller), drawn
 * from the run's seed so a resumed or re-run run picks the same ones, in ascending order.
 */
export function snapshotPositions(valCount: number, seed: number, size = SNAPSHOT_SAMPLES): Int32Array {
  const order = Int32Array.from({ length: valCount }, (_, i) => i)
  if (valCount > size) new SeededRandom((seed ^ SUBSET_SEED_SALT) >>> 0).shuffle(order)
  return order.subarray(0, Math.min(size, valCount)).sort()
}

/** The subset's rows of the validation set's z_mean [valCount, dim]. */
export function latentSnapshot(zMean: Float32Array, dim: number, valLabels: Int32Array | null, positions: Int32Array): EpochLatentSnapshot {
  const count = positions.length
  const codes = new Float32Array(count * dim)
  const labels = new Int32Array(count).fill(-1)
  for (let i = 0; i < count; i++) {
    const p = positions[i]
    codes.set(zMean.subarray(p * dim, (p + 1) * dim), i * dim)
    if (valLabels) labels[i] = valLabels[p]
  }
  return { count, dim, positions: Int32Array.from(positions), labels, zMean: codes }
}

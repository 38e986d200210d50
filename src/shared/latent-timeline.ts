import type { RunId } from './api'
import type { EpochLatentStats } from './latent-diagnostics'
import type { LatentProjection, PcaSummary } from './run-views'

/**
 * The latent space over training, and two runs' latent spaces made comparable. Types only: the
 * Lab computes (`src/main/lab/analysis`), the UI draws.
 */

/**
 * z_mean of a fixed subset of the validation set after one epoch. The subset is chosen once per
 * run from its seed (`analysis/latent-snapshot.ts`), so every epoch's snapshot holds the same
 * samples in the same order and frames can be compared point by point.
 */
export interface EpochLatentSnapshot {
  count: number
  dim: number
  /** Position of each sample in the run's validation set, ascending. */
  positions: Int32Array
  /** Class label per sample, −1 where the dataset has none. */
  labels: Int32Array
  /** Row-major [count, dim]. */
  zMean: Float32Array
}

/** Every epoch's snapshot in one projection, for the Latent space tab's epoch slider. */
export interface LatentTimeline extends Pick<LatentProjection, 'runId' | 'latentDim' | 'dims' | 'axes' | 'sourceDims'> {
  /** Samples per frame (0 for a run recorded before snapshots existed: no epochs either). */
  count: number
  /** `raw`: chosen (or all, up to 3) latent dimensions; `pca`: the last frame's principal components, the same basis for every frame. */
  method: LatentProjection['method']
  /** Epochs that have a snapshot, ascending. */
  epochs: number[]
  /** Row-major [epochs.length, count, dims]. */
  frames: Float32Array
  positions: Int32Array
  labels: Int32Array
  pca: PcaSummary | null
  /** The statistics of all the validation codes at each of `epochs` (null where none was recorded). */
  stats: (EpochLatentStats | null)[]
}

/**
 * An orthogonal Procrustes fit of one run's codes onto another's, on the test samples both encoded:
 * z ↦ (z − mean) · R + referenceMean, R orthogonal (a rotation, possibly with a reflection), chosen
 * to minimise the squared distance to the reference's codes.
 */
export interface LatentAlignment {
  /** The run whose axes the codes are expressed in. */
  toRunId: RunId
  /** Test samples both runs encoded, the ones the fit used. */
  samples: number
  /** Row-major [dim, dim]. */
  rotation: number[]
  /** Root mean squared distance between matched codes before the fit (means matched, no rotation) and after it. */
  rmsBefore: number
  rmsAfter: number
  /** rmsAfter over the reference codes' root mean squared distance to their mean: 0 is a perfect match. */
  relativeResidual: number
}

import type { LatentCloud } from '../../../shared/api'
import type { RunConfig } from '../../../shared/run-config'
import { sequenceSize, type SequenceSet } from '../data/sequence-set'
import type { InferenceEngine } from '../engines/inference-engine'
import { perSampleErrors } from './reconstruction-error'

const CHUNK = 1000

/** z_mean and z_log_var [count, latentDim] of every sequence in `set`, encoded in chunks. */
export async function encodeCodes(engine: InferenceEngine, set: SequenceSet, latentDim: number): Promise<{ zMean: Float32Array; zLogVar: Float32Array }> {
  const size = sequenceSize(set)
  const zMean = new Float32Array(set.count * latentDim)
  const zLogVar = new Float32Array(set.count * latentDim)
  for (let from = 0; from < set.count; from += CHUNK) {
    const n = Math.min(CHUNK, set.count - from)
    const codes = await engine.encode(set.data.subarray(from * size, (from + n) * size), n)
    zMean.set(codes.zMean, from * latentDim)
    zLogVar.set(codes.zLogVar, from * latentDim)
  }
  return { zMean, zLogVar }
}

/**
 * Encodes the evaluation set and scores each sample's reconstruction from the decode of its
 * z_mean (not a sampled z), so the stored errors are deterministic for the stored weights.
 */
export async function encodeEvaluationSet(
  engine: InferenceEngine,
  set: SequenceSet,
  testIndices: Int32Array,
  /** The run's latent size, and its likelihood (a Gaussian run has no BCE: it is stored as NaN). */
  { latentDim, likelihood }: Pick<RunConfig, 'latentDim' | 'likelihood'>,
  onProgress?: (done: number, total: number) => void,
): Promise<Omit<LatentCloud, 'runId'>> {
  const size = sequenceSize(set)
  const zMean = new Float32Array(set.count * latentDim)
  const zLogVar = new Float32Array(set.count * latentDim)
  const reconBce = new Float32Array(set.count)
  const reconMse = new Float32Array(set.count)
  for (let from = 0; from < set.count; from += CHUNK) {
    const n = Math.min(CHUNK, set.count - from)
    const x = set.data.subarray(from * size, (from + n) * size)
    const codes = await engine.encode(x, n)
    zMean.set(codes.zMean, from * latentDim)
    zLogVar.set(codes.zLogVar, from * latentDim)
    const errors = perSampleErrors(x, await engine.decode(codes.zMean, n), n, size, likelihood)
    reconBce.set(errors.bce, from)
    reconMse.set(errors.mse, from)
    onProgress?.(from + n, set.count)
  }
  return {
    count: set.count,
    dim: latentDim,
    indices: testIndices,
    labels: set.labels ?? new Int32Array(set.count).fill(-1),
    zMean,
    zLogVar,
    reconBce,
    reconMse,
  }
}

import { SeededRandom } from '../common/seeded-random'
import type { LoadedDataset } from './dataset-source'
import { timeSplit } from './recording-windows'
import { selectSequences, type DatasetSplits, type SequenceSet } from './sequence-set'

export interface SplitOptions {
  seed: number
  /** Share of the pool held out for validation: 0.1 splits MNIST's 60,000 into 54,000 / 6,000. */
  valFraction: number
  trainLimit?: number
  valLimit?: number
  evalLimit?: number
}

/**
 * Splits a training pool deterministically (seeded shuffle) into train and validation, then applies
 * the limits: a limited run uses a prefix of the same shuffled split, so small runs see a
 * representative sample. The test set keeps its order; `evalLimit` keeps its first samples.
 */
export function splitDataset(pool: SequenceSet, test: SequenceSet, options: SplitOptions, timeOrder?: LoadedDataset['timeOrder']): DatasetSplits {
  if (timeOrder) return splitByTime(pool, test, options, timeOrder)
  const order = new SeededRandom(options.seed).shuffle(Int32Array.from({ length: pool.count }, (_, i) => i))
  const valCount = Math.round(pool.count * options.valFraction)
  const trainIdx = order.subarray(valCount, options.trainLimit === undefined ? undefined : valCount + options.trainLimit)
  const valIdx = order.subarray(0, Math.min(valCount, options.valLimit ?? valCount))
  const evaluation = evaluationSubset(test, options.evalLimit)
  return {
    train: selectSequences(pool, trainIdx),
    val: selectSequences(pool, valIdx),
    test: evaluation.set,
    testIndices: evaluation.indices,
  }
}

/** What a run evaluates: the first `evalLimit` samples of the test set (all of it without a limit). */
export function evaluationSubset(test: SequenceSet, evalLimit: number | undefined): { set: SequenceSet; indices: Int32Array } {
  const count = Math.min(test.count, evalLimit ?? test.count)
  const indices = Int32Array.from({ length: count }, (_, i) => i)
  return { set: count === test.count ? test : selectSequences(test, indices), indices }
}

/**
 * Windows of one recording are split by time (recording-windows.ts: validation last, a window apart
 * from training); the limits keep the first windows of each part.
 */
function splitByTime(pool: SequenceSet, test: SequenceSet, options: SplitOptions, timeOrder: NonNullable<LoadedDataset['timeOrder']>): DatasetSplits {
  const { train, val } = timeSplit(timeOrder.poolStarts, timeOrder.window, options.valFraction)
  const evaluation = evaluationSubset(test, options.evalLimit)
  return {
    train: selectSequences(pool, train.subarray(0, options.trainLimit)),
    val: selectSequences(pool, val.subarray(0, options.valLimit)),
    test: evaluation.set,
    testIndices: evaluation.indices,
  }
}

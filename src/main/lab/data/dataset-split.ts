import type { ValSplit } from '../../../shared/run-config'
import { SeededRandom } from '../common/seeded-random'
import type { LoadedDataset } from './dataset-source'
import { timeSplit } from './recording-windows'
import { selectSequences, type DatasetSplits, type SequenceSet } from './sequence-set'

export interface SplitOptions {
  seed: number
  /** Share of the pool held out for validation: 0.1 splits MNIST's 60,000 into 54,000 / 6,000. */
  valFraction: number
  /** Which images are held out: a seeded shuffle's first (`random`) or the pool's last (`tail`, Keras). */
  valSplit: ValSplit
  trainLimit?: number
  valLimit?: number
  evalLimit?: number
}

/**
 * Splits a training pool deterministically into train and validation, then applies the limits: a
 * limited run keeps the first samples of each part. With a `random` split the parts come from a
 * seeded shuffle (so small runs see a representative sample); with a `tail` split validation is
 * the pool's last samples in their stored order, exactly as Keras's `validation_split` cuts
 * (`split_at = int(count * (1 - fraction))`, before any shuffling). The test set keeps its order;
 * `evalLimit` keeps its first samples.
 */
export function splitDataset(pool: SequenceSet, test: SequenceSet, options: SplitOptions, timeOrder?: LoadedDataset['timeOrder']): DatasetSplits {
  if (timeOrder) return splitByTime(pool, test, options, timeOrder)
  const { trainIdx: trainAll, valIdx: valAll } = options.valSplit === 'tail' ? tailSplit(pool.count, options.valFraction) : randomSplit(pool.count, options)
  const trainIdx = trainAll.subarray(0, options.trainLimit)
  const valIdx = valAll.subarray(0, options.valLimit)
  const evaluation = evaluationSubset(test, options.evalLimit)
  return {
    train: selectSequences(pool, trainIdx),
    val: selectSequences(pool, valIdx),
    test: evaluation.set,
    testIndices: evaluation.indices,
  }
}

function randomSplit(count: number, options: SplitOptions): { trainIdx: Int32Array; valIdx: Int32Array } {
  const order = new SeededRandom(options.seed).shuffle(Int32Array.from({ length: count }, (_, i) => i))
  const valCount = Math.round(count * options.valFraction)
  return { trainIdx: order.subarray(valCount), valIdx: order.subarray(0, valCount) }
}

/** Keras's cut, to the sample: 60,000 MNIST images at 0.1 train on 0..53,999 and validate on 54,000..59,999. */
export function tailSplit(count: number, valFraction: number): { trainIdx: Int32Array; valIdx: Int32Array } {
  const splitAt = Math.floor(count * (1 - valFraction))
  const all = Int32Array.from({ length: count }, (_, i) => i)
  return { trainIdx: all.subarray(0, splitAt), valIdx: all.subarray(splitAt) }
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

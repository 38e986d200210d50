import type { DatasetInfo } from '../../../shared/api'
import type { SequenceSet } from './sequence-set'

/** What every dataset provides: a description, and its training pool and test set when available. */
export interface DatasetSource {
  info(): DatasetInfo
  load(): Promise<LoadedDataset>
}

export interface LoadedDataset {
  pool: SequenceSet
  test: SequenceSet
  /**
   * Present where the pool's sequences are windows of one recording, in time order: where each
   * starts, so a run splits them by time (data/recording-windows.ts) rather than by shuffling.
   */
  timeOrder?: { window: number; poolStarts: Int32Array }
}

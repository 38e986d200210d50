import type { DatasetInfo } from '../../../shared/api'
import type { SequenceSet } from './sequence-set'

/** What every dataset provides: a description, and its training pool and test set when available. */
export interface DatasetSource {
  info(): DatasetInfo
  load(): Promise<{ pool: SequenceSet; test: SequenceSet }>
}

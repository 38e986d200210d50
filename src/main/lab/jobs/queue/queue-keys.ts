import type { RunId } from '../../../../shared/api'

/**
 * Every Redis name the hub and the workers share. One hub per Redis database: run ids are the
 * hub's, so two hubs on one database would mix their runs (the hub lock refuses that).
 */
export const QUEUE_NAME = 'training'
/** BullMQ's keys live under `seqvae:bull:training:…`, beside ours. */
export const BULL_PREFIX = 'seqvae:bull'
/** The consumer group (and its one consumer) that reads every run's records on the hub. */
export const HUB_GROUP = 'hub'
export const CANCEL_CHANNEL = 'seqvae:cancel'
export const WORKERS_SET = 'seqvae:workers'
export const HUB_LOCK = 'seqvae:hub'

export const runKeys = (runId: RunId) => ({
  /** What the run's workers send, in order: a stream the hub reads with its consumer group. */
  records: `seqvae:run:${runId}:records`,
  /** The last checkpoint the hub recorded: where a retried or resumed job starts. */
  checkpoint: `seqvae:run:${runId}:checkpoint`,
  /** Counts the run's attempts; each attempt's records carry its number (the fence against stale senders). */
  generation: `seqvae:run:${runId}:generation`,
  /** The job that is the run's current one; a worker that takes any other job of the run (a stale copy) drops it. */
  job: `seqvae:run:${runId}:job`,
  /** Set when the hub cancelled the run, for a worker that missed the cancel message. */
  cancel: `seqvae:run:${runId}:cancel`,
})

export const datasetKey = (sha256: string) => `seqvae:dataset:${sha256}`
export const workerKey = (id: string) => `seqvae:worker:${id}`
export const workerAliveKey = (id: string) => `seqvae:worker:${id}:alive`

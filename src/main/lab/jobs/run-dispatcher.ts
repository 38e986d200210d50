import type { RunId } from '../../../shared/api'
import type { QueueStatus } from '../../../shared/queue-status'
import type { RunConfig } from '../../../shared/run-config'

/**
 * Where the Lab sends runs to train: its own training processes (JobRunner) or a Redis queue that
 * workers on any machine take them from (QueueHub). Either way the Lab alone writes the database.
 */
export interface RunDispatcher {
  /** Refuses, with a sentence, a run this dispatcher cannot train (before it is stored). */
  check(config: RunConfig): void
  /** A new or resumed run (already `queued` in the database) to train. */
  enqueue(runId: RunId): void
  /** Stops a queued or running run; resolves once it has reached a final status. */
  cancel(runId: RunId): Promise<void>
  /** Resolves when the run is no longer queued or running. */
  whenSettled(runId: RunId): Promise<void>
  /** The pid of the run's training process when it runs in this machine's process tree (fault tests kill it). */
  activeWorkerPid(runId: RunId): number | undefined
  status(): Promise<QueueStatus>
  close(): Promise<void>
}

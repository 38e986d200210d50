import type { RunEnvironment, RunId } from '../../../../../shared/api'
import { FINAL_STATUSES } from '../../../../../shared/api'
import type { Checkpoint } from '../../../model/checkpoint'
import type { WorkbenchStore } from '../../../store/workbench-store'
import type { WorkerToParent } from '../../../train/worker-protocol'
import type { UnnumberedEvent } from '../../event-bus'
import type { RunRecorder } from '../../run-recorder'
import type { RemoteMessage, RunRecord } from '../run-records'

/** What applying one record did: the events to publish now it has committed, and what to do in Redis. */
export interface Applied {
  /** `applied`: written now; `replayed`: written before (a redelivery: only its Redis side is redone); `skipped`: stale or for an ended run. */
  outcome: 'applied' | 'replayed' | 'skipped'
  events: UnnumberedEvent[]
  /** The run's newest checkpoint, for the next attempt to start from (published after the commit). */
  checkpoint: Checkpoint | null
  /** The run reached a final status. */
  ended: boolean
}

const SKIPPED: Applied = { outcome: 'skipped', events: [], checkpoint: null, ended: false }

/**
 * Applies a remote worker's records to the database exactly once. Each write lands in one
 * transaction with the record's number (`queue_runs.generation`, `applied_seq`), so a record
 * delivered again — after a hub restart, or sent twice across a Redis reconnect — is recognised
 * and not written twice; records of an attempt older than the current one (a worker thought dead
 * that carried on) are dropped.
 */
export class RecordApplier {
  constructor(
    private readonly store: WorkbenchStore,
    private readonly recorder: RunRecorder,
  ) {}

  apply(runId: RunId, record: RunRecord): Applied {
    const row = this.store.queue.get(runId)
    if (!row || row.state !== 'sent' || FINAL_STATUSES.includes(row.runStatus)) return SKIPPED
    const { message, generation, seq } = record
    const opensAttempt = message.type === 'claimed' || message.type === 'refused'
    if (opensAttempt ? generation <= row.generation : generation !== row.generation) {
      // A replayed opener of the current attempt is a redelivery, not a stale sender.
      return generation === row.generation && seq <= row.appliedSeq ? { ...SKIPPED, outcome: 'replayed' } : SKIPPED
    }
    if (!opensAttempt && seq <= row.appliedSeq) {
      const current = message.type === 'epoch' && message.checkpoint.epoch === row.epochsDone
      return { ...SKIPPED, outcome: 'replayed', checkpoint: current ? message.checkpoint : null }
    }
    const events = this.store.db.transaction(() => {
      const written = this.write(runId, message)
      this.store.queue.markApplied(runId, generation, seq)
      return written
    })()
    return {
      outcome: 'applied',
      events,
      checkpoint: message.type === 'epoch' ? message.checkpoint : null,
      ended: events.some((e) => e.type === 'status' && FINAL_STATUSES.includes(e.status)),
    }
  }

  private write(runId: RunId, message: RemoteMessage): UnnumberedEvent[] {
    switch (message.type) {
      case 'claimed':
        // The new attempt redoes the epochs after its checkpoint, as a local resume does.
        this.store.metrics.truncateAfter(runId, message.resumedFrom)
        this.store.runs.claim(runId)
        return []
      case 'refused':
        return eventList(this.recorder.end(runId, 'failed', message.error))
      case 'started':
        return eventList(this.recorder.apply(runId, { ...message, env: this.withEarlierPlacements(runId, message.env) }))
      default:
        return eventList(this.recorder.apply(runId, message as WorkerToParent))
    }
  }

  /** A run that moved to another worker lists every worker that trained part of it. */
  private withEarlierPlacements(runId: RunId, env: RunEnvironment): RunEnvironment {
    const now = env.trainedOn ?? []
    const from = Math.min(...now.map((p) => p.fromEpoch))
    const earlier = (this.store.runs.get(runId).env?.trainedOn ?? []).filter((p) => p.fromEpoch < from)
    return { ...env, trainedOn: [...earlier, ...now] }
  }
}

const eventList = (event: UnnumberedEvent | null) => (event ? [event] : [])

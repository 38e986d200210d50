import type { RunId, RunStatus } from '../../../shared/api'
import { FINAL_STATUSES } from '../../../shared/api'
import type { WorkbenchStore } from '../store/workbench-store'
import type { WorkerToParent } from '../train/worker-protocol'
import type { UnnumberedEvent } from './event-bus'

/**
 * Turns a training process's messages into database rows, whoever carried them: the local job
 * runner (IPC from a child process) or the queue hub (records a remote worker sent through Redis).
 * Each method writes and returns the event that announces the write, for the caller to publish
 * once the write has committed (the hub applies a record inside its own transaction).
 */
export class RunRecorder {
  constructor(private readonly store: WorkbenchStore) {}

  apply(runId: RunId, m: WorkerToParent): UnnumberedEvent | null {
    const { store } = this
    switch (m.type) {
      case 'started':
        store.runs.markStarted(runId, m)
        return { type: 'started', runId, engine: m.engine, backend: m.backend, params: m.params }
      case 'progress':
        return { type: 'progress', runId, progress: m.progress }
      case 'batches':
        store.metrics.insertBatches(runId, m.batches)
        return null
      case 'epoch':
        store.recordEpoch(runId, m.metrics, m.checkpoint, m.latentStats, m.latentSnapshot ?? null)
        return { type: 'epoch', runId, metrics: m.metrics }
      case 'phase':
        return { ...m, runId }
      case 'stopped':
        store.stops.save(runId, m.stop)
        return null
      case 'evaluated':
        store.db.transaction(() => {
          store.artifacts.saveLatents({ runId, ...m.latents })
          store.artifacts.saveFinalWeights(runId, m.weights)
        })()
        return null
      case 'done':
        return this.end(runId, m.status, m.error)
    }
  }

  /** Sets a final status (nothing for another status, or a run deleted meanwhile). */
  end(runId: RunId, status: RunStatus, error: string | null): UnnumberedEvent | null {
    if (!FINAL_STATUSES.includes(status) || !this.store.runs.exists(runId)) return null
    this.store.runs.setStatus(runId, status, error)
    return { type: 'status', runId, status, error }
  }
}

import type { RunId } from '../../../../../shared/api'
import type { QueueStatus } from '../../../../../shared/queue-status'
import type { WorkbenchStore } from '../../../store/workbench-store'
import { readWorkers } from '../worker-presence'
import type { HubLink } from './hub-link'

/**
 * The Workers view's picture of a queue: its workers and the order queued runs will be taken in.
 * Runs not yet on the queue (it was unreachable) come after those on it, in the order they will be sent.
 */
export async function readQueueStatus(link: HubLink, store: WorkbenchStore, localJobs: number): Promise<QueueStatus> {
  const base = { mode: 'queue' as const, address: link.address.display, localJobs }
  const open = store.queue.open().filter((row) => row.runStatus === 'queued')
  const notSent = open.filter((row) => row.state === 'pending').map((row) => row.runId)
  if (!link.ready()) return { ...base, problem: link.problem(), waiting: numbered(notSent), workers: [] }
  try {
    const queued = new Set(open.map((row) => row.runId))
    // Oldest first: the order workers take them (a job back from a vanished worker goes first).
    const jobs = await link.queue.getJobs(['wait', 'prioritized', 'delayed'], 0, -1, true)
    const onQueue = jobs.map((job) => (job.data as { runId?: unknown }).runId).filter((id): id is RunId => typeof id === 'number' && queued.has(id))
    return { ...base, problem: null, waiting: numbered([...onQueue, ...notSent]), workers: await readWorkers(link.commands) }
  } catch {
    return { ...base, problem: link.problem(), waiting: numbered(notSent), workers: [] }
  }
}

const numbered = (ids: RunId[]) => ids.map((runId, i) => ({ runId, position: i + 1 }))

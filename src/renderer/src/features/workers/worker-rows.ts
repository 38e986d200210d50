import type { WorkerSummary } from '../../../../shared/queue-status'

export type WorkerState = 'training' | 'idle' | 'vanished'

/** Training, idle, or vanished: its heartbeat lapsed (stopped, killed, or cut off from the queue). */
export function workerState(worker: WorkerSummary): WorkerState {
  if (!worker.alive) return 'vanished'
  return worker.runs.length > 0 ? 'training' : 'idle'
}

/** "just now", "12 s ago", "3 min ago", "2 h ago": how long since the queue last heard from it. */
export function heartbeatAge(lastHeartbeatAt: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(lastHeartbeatAt)) / 1000))
  if (seconds < 2) return 'just now'
  if (seconds < 90) return `${seconds} s ago`
  const minutes = Math.round(seconds / 60)
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`
}

/** The command that starts a worker on another machine for this queue. */
export function workerCommand(address: string | null): string {
  return `seqvae worker --queue ${address ?? 'redis://HOST:6379/0'} --name ${'$(hostname)'}`
}

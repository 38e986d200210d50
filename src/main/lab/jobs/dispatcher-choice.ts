import type { WorkbenchStore } from '../store/workbench-store'
import type { EventBus } from './event-bus'
import { JobRunner } from './job-runner'
import { QueueHub, type QueueHubOptions } from './queue/hub/queue-hub'
import { parseRedisAddress } from './queue/redis-address'
import type { RunDispatcher } from './run-dispatcher'
import type { WorkerLauncher } from './worker-launcher'

/** How a serving process trains: its own processes, or a queue (`seqvae serve --queue`, the app's Compute setting). */
export interface QueueChoice {
  /** `redis://…` or `rediss://…` (see redis-address.ts). */
  address: string
  /** Where the hub's own worker (if `parallelJobs` > 0) caches datasets. */
  cacheDir: string
  stallTimeoutMs?: number
  reconcileMs?: number
  onRecordApplied?: QueueHubOptions['onRecordApplied']
}

export interface DispatcherOptions {
  launcher: WorkerLauncher
  /** Local training processes at once; with a queue, the hub's own workers (0: none). */
  parallelJobs: number
  heartbeatMs: number
  queue?: QueueChoice
  log?: (line: string) => void
}

const CANCEL_GRACE_MS = 15_000

export function createDispatcher(store: WorkbenchStore, events: EventBus, options: DispatcherOptions): RunDispatcher {
  if (!options.queue) {
    return new JobRunner(store, options.launcher, events, { parallelJobs: options.parallelJobs, heartbeatMs: options.heartbeatMs, cancelGraceMs: CANCEL_GRACE_MS })
  }
  const { queue } = options
  return new QueueHub(store, events, {
    address: parseRedisAddress(queue.address),
    localJobs: options.parallelJobs,
    launcher: options.launcher,
    cacheDir: queue.cacheDir,
    stallTimeoutMs: queue.stallTimeoutMs ?? 30_000,
    heartbeatMs: options.heartbeatMs,
    reconcileMs: queue.reconcileMs ?? 1000,
    cancelGraceMs: CANCEL_GRACE_MS,
    log: options.log ?? ((line) => console.log(line)),
    onRecordApplied: queue.onRecordApplied,
  })
}

import { fork } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import type { ParentToWorker, WorkerToParent } from '../train/worker-protocol'

export interface WorkerExit {
  code: number | null
  signal: string | null
}

/** A running training process as the Lab sees it, whatever started it. */
export interface WorkerHandle {
  readonly pid: number | undefined
  send(message: ParentToWorker): void
  onMessage(listener: (message: WorkerToParent) => void): void
  onExit(listener: (exit: WorkerExit) => void): void
  kill(signal?: NodeJS.Signals): void
}

/** Starts training processes: `child_process.fork` under Node, `utilityProcess` in Electron. */
export interface WorkerLauncher {
  launch(): WorkerHandle
}

const WORKER_SOURCE = path.join(__dirname, '../train/training-worker.ts')

/** Forks the worker from TypeScript source through tsx, the way the CLI and the tests run. */
export class ForkWorkerLauncher implements WorkerLauncher {
  constructor(private readonly entry = WORKER_SOURCE) {}

  launch(): WorkerHandle {
    const execArgv = this.entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : []
    const child = fork(this.entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    try {
      // Training yields the CPU to the process serving the UI (measured: listRuns p95 23–34 ms → 16–20 ms).
      if (child.pid) os.setPriority(child.pid, 10)
    } catch {
      // Not permitted on some systems; training still works at normal priority.
    }
    return {
      pid: child.pid,
      send: (message) => {
        // A worker that is exiting can close its end between the check and the write (EPIPE).
        // Its exit is what settles the run, so a message it can no longer read is dropped; the
        // callback keeps that failure from becoming an uncaught 'error' event.
        if (child.connected) child.send(message, (error) => void error)
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as WorkerToParent)),
      onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal })),
      kill: (signal) => child.kill(signal),
    }
  }
}

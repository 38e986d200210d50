import type { ParentToWorker, WorkerToParent } from '../../../train/worker-protocol'
import type { WorkerExit, WorkerHandle, WorkerLauncher } from '../../worker-launcher'

type Start = Extract<ParentToWorker, { type: 'start' }>
type Done = Extract<WorkerToParent, { type: 'done' }>

/** A training process started ahead of its job, and kept between jobs while it stays healthy. */
export interface WarmProcess {
  readonly handle: WorkerHandle
  /** Set once it has exited (it is then never reused). */
  exit: WorkerExit | null
}

interface Wiring {
  onMessage: ((m: WorkerToParent) => void) | null
  onExit: ((exit: WorkerExit) => void) | null
}

/**
 * The worker's training processes: the same training worker a local run uses
 * (train/training-worker.ts, through the same launcher), started before a job arrives so a job
 * begins without a fork, and kept for the next job after a clean end (`keepAlive`), with the last
 * dataset still loaded. One that failed or exited is replaced.
 */
export class WarmProcesses {
  private readonly idle: WarmProcess[] = []
  private readonly wiring = new Map<WarmProcess, Wiring>()
  private closed = false

  constructor(
    private readonly launcher: WorkerLauncher,
    private readonly keep: number,
  ) {
    for (let i = 0; i < keep; i++) this.idle.push(this.spawn())
  }

  /** A live idle process, or a fresh one. */
  take(): WarmProcess {
    let process = this.idle.shift()
    while (process?.exit) process = this.idle.shift()
    return process ?? this.spawn()
  }

  /**
   * Sends `start` and passes every message to `onMessage` until the run's `done` (the process goes
   * back to the idle ones) or the process's exit (a fresh one takes its place).
   */
  run(process: WarmProcess, start: Start, onMessage: (m: WorkerToParent) => void): Promise<{ done: Done } | { exit: WorkerExit }> {
    return new Promise((resolve) => {
      const wiring = this.wiring.get(process)
      if (!wiring || process.exit) {
        this.replace()
        resolve({ exit: process.exit ?? { code: null, signal: null } })
        return
      }
      const settle = (outcome: { done: Done } | { exit: WorkerExit }) => {
        wiring.onMessage = null
        wiring.onExit = null
        // A failed run's process leaves by itself (see training-worker.ts); either way a fresh one is made ready.
        if ('done' in outcome && outcome.done.status !== 'failed') this.giveBack(process)
        else this.replace()
        resolve(outcome)
      }
      wiring.onMessage = (m) => {
        onMessage(m)
        if (m.type === 'done') settle({ done: m })
      }
      wiring.onExit = (exit) => settle({ exit })
      process.handle.send(start)
    })
  }

  close(): void {
    this.closed = true
    for (const process of this.idle.splice(0)) process.handle.kill('SIGKILL')
  }

  private spawn(): WarmProcess {
    const handle = this.launcher.launch()
    const process: WarmProcess = { handle, exit: null }
    const wiring: Wiring = { onMessage: null, onExit: null }
    this.wiring.set(process, wiring)
    handle.onMessage((m) => wiring.onMessage?.(m))
    handle.onExit((exit) => {
      process.exit = exit
      this.wiring.delete(process)
      wiring.onExit?.(exit)
    })
    return process
  }

  private giveBack(process: WarmProcess): void {
    if (this.closed || process.exit || this.idle.length >= this.keep) process.handle.kill('SIGKILL')
    else this.idle.push(process)
  }

  /** Keeps `keep` processes ready after one was lost. */
  private replace(): void {
    if (!this.closed && this.idle.length < this.keep) this.idle.push(this.spawn())
  }
}

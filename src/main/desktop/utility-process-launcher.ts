import { utilityProcess } from 'electron'
import os from 'node:os'
import type { ParentToWorker, WorkerHandle, WorkerLauncher, WorkerToParent } from '../lab/lab'

/** A nice value of 10: scheduled after interactive processes, still using idle cores fully. */
const BACKGROUND_PRIORITY = 10

/**
 * Starts training workers as Electron utility processes: Node without a window, outside the main
 * process so training never stalls the UI. The worker's `connectToParent` talks over
 * `process.parentPort` there; messages are structured clones, so typed arrays pass as they are.
 * What a worker prints goes to the main process's console, and with it into the app's log.
 */
export class UtilityProcessLauncher implements WorkerLauncher {
  /** @param entry the built worker bundle, `out/main/training-worker.js`. */
  constructor(private readonly entry: string) {}

  launch(): WorkerHandle {
    const child = utilityProcess.fork(this.entry, [], { serviceName: 'SeqVAE training', stdio: 'pipe' })
    child.stdout?.on('data', (chunk: Buffer) => console.log(`[training] ${chunk.toString().trimEnd()}`))
    child.stderr?.on('data', (chunk: Buffer) => console.error(`[training] ${chunk.toString().trimEnd()}`))
    child.once('spawn', () => {
      // Training is background work: the window and the main process must win the CPU.
      try {
        if (child.pid !== undefined) os.setPriority(child.pid, BACKGROUND_PRIORITY)
      } catch {
        // Not permitted here: it trains at normal priority.
      }
    })
    return {
      get pid() {
        return child.pid
      },
      // Messages posted before the process has spawned are queued by Electron.
      send: (message: ParentToWorker) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as WorkerToParent)),
      // A utility process reports only an exit code; a crash shows up as a non-zero one.
      onExit: (listener) => child.on('exit', (code: number) => listener({ code, signal: null })),
      // Electron delivers SIGTERM and reaps the process; the runner's grace period covers the rest.
      kill: () => {
        child.kill()
      },
    }
  }
}

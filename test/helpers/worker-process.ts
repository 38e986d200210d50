import { spawn } from 'node:child_process'
import path from 'node:path'

const BIN = path.join(__dirname, '../../bin/seqvae.cjs')

/** A real `seqvae worker` process. */
export interface WorkerProcess {
  pid: number
  output(): string
  /** Resolves once it has printed `pattern` (its output so far is in the error otherwise). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
  /** Ctrl-C as a user would; resolves with the exit code. */
  stop(): Promise<number | null>
  /** Kills it outright (and so, as a vanished machine, its training process loses its parent). */
  kill(signal: NodeJS.Signals): Promise<void>
}

/**
 * Starts `seqvae worker --queue URL …`. Its stall timeout is the product's default (30 s) unless a
 * test kills workers and wants the job to move on within seconds: a short one also lets a worker
 * whose event loop a loaded machine delays lose its job to a stall, which only such tests expect.
 */
export function startWorker(queue: string, dataDir: string, extraArgs: string[] = [], stallTimeoutSeconds = 30): WorkerProcess {
  const args = [BIN, 'worker', '--queue', queue, '--data-dir', dataDir, '--stall-timeout', String(stallTimeoutSeconds), '--threads', '1', ...extraArgs]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const listeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    pid: child.pid!,
    output: () => output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(output)) return
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`the worker did not print ${pattern} within ${timeoutMs} ms:\n${output}`))
        }, timeoutMs)
        listeners.add(check)
        check()
      }),
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGINT')
      return exited
    },
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import path from 'node:path'
import { format } from 'node:util'

/** Past this size the log is moved aside to main.old.log and a new one begins. */
const MAX_LOG_BYTES = 5 * 1024 * 1024

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error'
const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error']

/**
 * Copies what the main process (and, through it, the training processes) writes to the console
 * into `dir/main.log`, with a time stamp and level per line, so "Help › Open logs" has something
 * to show after a problem. The console keeps printing as before. A few lines of our own rather
 * than electron-log: that library reaches into Electron at load time, which the plain-Node wiring
 * test of the main process could not load, and rotation by size is all we need.
 */
export function startAppLog(dir: string): string {
  const file = path.join(dir, 'main.log')
  mkdirSync(dir, { recursive: true })
  for (const method of METHODS) {
    const original = console[method].bind(console)
    console[method] = (...args: unknown[]) => {
      original(...args)
      appendLine(file, method, format(...args))
    }
  }
  appendLine(file, 'info', `SeqVAE Workbench started (pid ${process.pid})`)
  return file
}

function appendLine(file: string, level: ConsoleMethod, text: string): void {
  try {
    if (statSizeOf(file) > MAX_LOG_BYTES) renameSync(file, file.replace(/\.log$/, '.old.log'))
    appendFileSync(file, `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${text}\n`)
  } catch {
    // A log that cannot be written must never take the app down with it.
  }
}

function statSizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

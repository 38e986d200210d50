import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const REDIS_SERVER = '/usr/bin/redis-server'

/** A real redis-server on a free loopback port, with its own folder; tests start and stop it at will. */
export interface TestRedis {
  port: number
  /** `redis://127.0.0.1:PORT/0` */
  url: string
  dir: string
  /** Starts it (again) on the same port and folder; resolves once it accepts connections. */
  start(): Promise<void>
  /** A clean shutdown (SIGTERM: it writes its append-only file first). */
  stop(): Promise<void>
  /** Stops it and removes its folder. */
  dispose(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts redis-server on 127.0.0.1 only, `appendonly` as asked, no RDB snapshots. */
export async function startRedis({ appendonly = false }: { appendonly?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-redis-'))
  let child: ChildProcess | null = null
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', appendonly ? 'yes' : 'no', '--protected-mode', 'yes']
      const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      child = proc
      let output = ''
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (/Ready to accept connections/.test(output)) {
          proc.stdout.off('data', onData)
          resolve()
        }
      }
      proc.stdout.on('data', onData)
      proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)))
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child
      child = null
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
    })
  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    start,
    stop,
    dispose: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

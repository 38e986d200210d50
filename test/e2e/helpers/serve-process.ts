import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export interface ServeProcess {
  /** What `seqvae serve` printed: `http://127.0.0.1:PORT/?token=…`. */
  url: string
  origin: string
  token: string
  /** Everything it wrote so far, for failure messages. */
  output(): string
  /** Ctrl-C, as a user would; resolves with the exit code (SIGKILL after a grace period). */
  stop(): Promise<number | null>
  /** Kills the server outright (fault injection); resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>
}

const BIN = path.join(__dirname, '../../../bin/seqvae.cjs')
const URL_LINE = /Open (http:\/\/\S+\/\?token=([0-9a-f]+))/

/** Starts a real `seqvae serve` on a free loopback port (`--port 0`) and waits for its URL. */
export function startServeProcess(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`seqvae serve printed no URL within 60 s:\n${output}`))
    }, 60_000)
    const onData = () => {
      const match = URL_LINE.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      const url = new URL(match[1])
      const kill = (signal: NodeJS.Signals) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done()
          child.once('exit', () => done())
          child.kill(signal)
        })
      resolve({ url: match[1], origin: url.origin, token: match[2], output: () => output, stop: () => stop(child), kill })
    }
    child.stdout.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`seqvae serve exited with ${code} before printing its URL:\n${output}`))
    })
  })
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', (code) => {
      clearTimeout(kill)
      resolve(code)
    })
    child.kill('SIGINT')
  })
}

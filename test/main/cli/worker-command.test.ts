import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

describe('seqvae worker and seqvae serve --queue', () => {
  const tempDir = useTempDirs()

  it('refuse bad flags with one sentence and a non-zero exit, before connecting anywhere', async () => {
    const dataDir = tempDir()
    const cases: [string[], string][] = [
      [['worker'], 'seqvae worker: say which queue to work with --queue redis://HOST:PORT/DB (or $SEQVAE_QUEUE)'],
      [['worker', '--queue', 'localhost:6379'], 'seqvae worker: the queue address "localhost:6379" must start with redis:// or rediss://; write redis://HOST:PORT/DB, e.g. redis://127.0.0.1:6379/0 (rediss:// for TLS)'],
      [['worker', '--queue', 'redis://127.0.0.1:1/0', '--concurrency', '0'], 'seqvae worker: --concurrency must be an integer from 1 to 64, not "0"'],
      [['worker', '--queue', 'redis://127.0.0.1:1/0', '--engine', 'gpu'], 'seqvae worker: --engine must be one of auto, fused, tfjs, not "gpu"'],
      [['worker', '--queue', 'redis://127.0.0.1:1/0', '--stall-timeout', 'soon'], 'seqvae worker: --stall-timeout must be an integer from 1 to 3600, not "soon"'],
      [['serve', '--queue', 'http://queue.lab'], 'seqvae serve: the queue address "http://queue.lab" must start with redis:// or rediss://; write redis://HOST:PORT/DB, e.g. redis://127.0.0.1:6379/0 (rediss:// for TLS)'],
      [['serve', '--jobs', '0'], 'seqvae serve: --jobs must be an integer from 1 to 64, not "0"'],
    ]
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--data-dir', dataDir], { SEQVAE_QUEUE: '' })
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim(), args.join(' ')).toBe(message)
    }
  })

  it('are listed in the help', async () => {
    const r = await runCli(['--help'])
    expect(r.stdout).toMatch(/\n {2}worker +train runs from a workbench's queue/)
    expect((await runCli(['worker', '--help'])).stdout).toContain('usage: seqvae worker --queue redis://HOST:PORT/DB [--concurrency N]')
  })
})

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

/**
 * tfjs takes about 0.8 s to load, so only what uses it may load it: the tfjs engine, its backend
 * selection and `export-model`. A preload script in every process of a command (NODE_OPTIONS
 * reaches the forked training worker too) reports at exit whether any @tensorflow module was loaded.
 */
const MARKER = 'TFJS-LOADED-IN'

/** A preload that writes `marker` and the pid at exit if a module from one of `packages` was loaded. */
function loadReporter(dir: string, packages: string[], marker: string): Record<string, string> {
  const file = path.join(dir, `report-${marker}.cjs`)
  const folders = JSON.stringify(packages.map((p) => `${path.sep}node_modules${path.sep}${p}${path.sep}`))
  writeFileSync(
    file,
    `process.on('exit', () => {
      if (Object.keys(require.cache).some((f) => ${folders}.some((p) => f.includes(p)))) process.stderr.write('${marker} ' + process.pid + '\\n')
    })\n`,
  )
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${file}"` }
}

const tfjsReporter = (dir: string) => loadReporter(dir, ['@tensorflow'], MARKER)

const TINY_TRAIN = ['train', '--dataset', 'synthetic-sines', '--epochs', '1', '--train-limit', '64', '--val-limit', '16', '--eval-limit', '16', '--hidden', '4', '--json']

describe('which seqvae processes load tfjs', () => {
  const tempDir = useTempDirs()

  it('`seqvae runs` does not', async () => {
    const dataDir = tempDir()
    const r = await runCli(['runs', '--data-dir', dataDir], tfjsReporter(dataDir))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('no runs yet')
    expect(r.stderr).not.toContain(MARKER)
  })

  it('a fused-engine run does not, in the CLI or in its worker', async () => {
    const dataDir = tempDir()
    const r = await runCli([...TINY_TRAIN, '--engine', 'fused', '--data-dir', dataDir], tfjsReporter(dataDir))
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'finished', engine: 'fused' })
    expect(r.stderr).not.toContain(MARKER)
  })

  it('a local run loads neither BullMQ nor ioredis (only a process that uses a queue does)', async () => {
    const dataDir = tempDir()
    const r = await runCli([...TINY_TRAIN, '--data-dir', dataDir], loadReporter(dataDir, ['bullmq', 'ioredis'], 'QUEUE-LOADED-IN'))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).not.toContain('QUEUE-LOADED-IN')
  })

  it('a tfjs-engine run does, in its worker only (so the reporter sees workers)', async () => {
    const dataDir = tempDir()
    const r = await runCli([...TINY_TRAIN, '--engine', 'tfjs', '--backend', 'cpu', '--data-dir', dataDir], tfjsReporter(dataDir))
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'finished', engine: 'tfjs', backend: 'cpu' })
    expect(r.stderr.match(new RegExp(MARKER, 'g'))).toHaveLength(1)
  })
})

import { describe, expect, it } from 'vitest'
import { openStore } from '../../helpers/open-store'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

describe('seqvae train --replicates', () => {
  const tempDir = useTempDirs()

  it('trains a group of runs that differ only in seed, named after the group and the seed', async () => {
    const dataDir = tempDir()
    const tiny = ['--epochs', '1', '--train-limit', '64', '--val-limit', '32', '--eval-limit', '10', '--hidden', '8']
    const { code, stdout, stderr } = await runCli(['train', ...tiny, '--replicates', '2', '--seed', '5', '--name', 'pair', '--data-dir', dataDir])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('"pair · seed 5" queued')
    expect(stdout).toContain('"pair · seed 6" queued')
    const store = openStore(dataDir)
    const runs = store.listing.list().sort((a, b) => a.id - b.id)
    expect(runs.map((r) => [r.name, r.status, r.config.seed])).toEqual([
      ['pair · seed 5', 'finished', 5],
      ['pair · seed 6', 'finished', 6],
    ])
    expect({ ...runs[0].config, seed: 0 }).toEqual({ ...runs[1].config, seed: 0 })
    store.close()

    const refused = await runCli(['train', '--replicates', '0', '--data-dir', dataDir])
    expect([refused.code, refused.stderr.trim()]).toEqual([2, 'seqvae train: --replicates must be an integer from 1 to 100, not "0"'])
  })
})

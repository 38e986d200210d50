import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../src/main/lab/data-dir'
import { WorkbenchStore } from '../../../src/main/lab/store/workbench-store'
import { runCli } from '../../helpers/run-cli'
import { seedRuns } from '../../helpers/seed-runs'
import { useTempDirs } from '../../helpers/temp-dir'

interface Listed {
  id: number
  config: { latentDim: number }
  best: { valLoss: number } | null
}

describe('seqvae runs, a page at a time', () => {
  const tempDir = useTempDirs()

  it('filters, sorts and pages with --where, --sort, --limit and --after, printing the same JSON array as before', async () => {
    const dataDir = tempDir()
    mkdirSync(dataDir, { recursive: true })
    const store = WorkbenchStore.open(databaseFile(dataDir))
    seedRuns(store.db, { runs: 40, epochs: 3 })
    const matching = store.listing.list().filter((run) => run.config.latentDim >= 3)
    const expected = matching
      .filter((run) => run.best !== null)
      .sort((a, b) => a.best!.valLoss - b.best!.valLoss || a.id - b.id)
      .map((run) => run.id)
    store.close()

    const args = ['runs', '--json', '--where', 'latentDim>=3', '--sort', 'bestValLoss', '--limit', '10', '--data-dir', dataDir]
    const first = await runCli(args)
    expect(first.code, first.stderr).toBe(0)
    const page: Listed[] = JSON.parse(first.stdout)
    expect(Array.isArray(page)).toBe(true)
    expect(page.map((run) => run.id)).toEqual(expected.slice(0, 10))
    const after = /--after '([^']+)'/.exec(first.stderr)?.[1]
    expect(first.stderr).toContain(`10 of ${matching.length} runs`)
    const second = await runCli([...args, '--after', after!])
    expect(JSON.parse(second.stdout).map((run: Listed) => run.id)).toEqual(expected.slice(10, 20))

    const table = await runCli(['runs', '--limit', '3', '--data-dir', dataDir])
    expect(table.stdout.split('\n')[1]).toMatch(/^40\s+run 40/)

    const wrong = await runCli(['runs', '--sort', 'speed', '--data-dir', dataDir])
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toContain('seqvae runs: --sort names no field of the runs table: "speed"')
    const badWhere = await runCli(['runs', '--where', 'speed<3', '--data-dir', dataDir])
    expect(badWhere.stderr).toContain('seqvae runs: --where "speed<3" is not "field op value"')
    const notNumber = await runCli(['runs', '--where', 'latentDim>>3', '--data-dir', dataDir])
    expect(notNumber.stderr).toContain('latentDim compares with numbers, and ">3" is not one')
  })
})

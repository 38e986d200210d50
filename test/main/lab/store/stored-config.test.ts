import { describe, expect, it } from 'vitest'
import { Lab } from '../../../../src/main/lab/lab'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { openStore } from '../../../helpers/open-store'
import { useTempDirs } from '../../../helpers/temp-dir'

describe('configs stored by other versions', () => {
  const tempDir = useTempDirs()

  it('fills fields added since with their defaults, and refuses to resume a config it cannot use', async () => {
    const dataDir = tempDir()
    const store = openStore(dataDir)
    const older = store.runs.create(DEFAULT_RUN_CONFIG, 'older')
    const { engine: _engine, valFraction: _valFraction, valSplit: _valSplit, earlyStoppingPatience: _patience, restoreBestWeights: _restore, ...withoutNewerFields } = { ...DEFAULT_RUN_CONFIG, epochs: 7 }
    const foreign = store.runs.create(DEFAULT_RUN_CONFIG, 'foreign')
    const setConfig = store.db.prepare(`UPDATE runs SET config_json = ?, status = 'crashed' WHERE id = ?`)
    setConfig.run(JSON.stringify(withoutNewerFields), older.id)
    setConfig.run(JSON.stringify({ ...DEFAULT_RUN_CONFIG, dropout: 0.2 }), foreign.id)
    store.close()
    const lab = Lab.open({ dataDir })

    const upgraded = await lab.getRun(older.id)
    expect(upgraded.configProblem).toBeNull()
    expect(upgraded.config).toEqual({ ...DEFAULT_RUN_CONFIG, epochs: 7 })

    const unusable = await lab.getRun(foreign.id)
    expect(unusable.configProblem).toBe('unknown field: dropout')
    expect((await lab.listRuns()).map((r) => r.name)).toEqual(['foreign', 'older'])
    await expect(lab.resumeRun(foreign.id)).rejects.toThrow(
      `run ${foreign.id} was stored with a configuration this version cannot use (unknown field: dropout)`,
    )
    await lab.close()
  })
})

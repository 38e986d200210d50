import { describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/run-config'
import { toCsv } from '../../../src/renderer/src/lib/export/csv-format'
import { epochMetricsExportTable, runsExportTable } from '../../../src/renderer/src/entities/run-export-tables'

const epoch = (n: number, valLoss: number) => ({ epoch: n, loss: valLoss + 0.01, recon: 0.2, kl: 3, valLoss, valRecon: 0.2, valKl: 3, seconds: 1.5, klWeight: 0.01 })
const run: RunSummary = {
  id: 7, name: 'tiny, "quoted"', status: 'finished', dataset: 'mnist', createdAt: '2025-01-01T00:00:00Z', startedAt: null, finishedAt: '2025-01-01T00:01:00Z',
  epochsDone: 2, epochs: 2, engine: 'tfjs', backend: 'cpu', params: 15194, configHash: 'h', tags: ['a', 'b'], notes: '', error: null,
  last: epoch(2, 0.25), best: { valLoss: 0.2, epoch: 1 }, config: DEFAULT_RUN_CONFIG, configKey: 'k', logLikelihood: null,
}

describe('run export tables', () => {
  it('put summary, final metrics and the whole config in one row per run', () => {
    const table = runsExportTable([{ ...run, config: { ...DEFAULT_RUN_CONFIG, latentDim: 5 } }])
    const row = Object.fromEntries(table.columns.map((c, i) => [c, table.rows[0][i]]))
    expect(row).toMatchObject({ id: 7, tags: 'a;b', bestValLoss: 0.2, bestEpoch: 1, valLoss: 0.25, latentDim: 5, cell: 'gru', trainLimit: undefined })
    expect(toCsv(table).split('\r\n')[1]).toMatch(/^7,"tiny, ""quoted""",finished,mnist,/)
  })

  it('list compared metrics one row per run and epoch', () => {
    const table = epochMetricsExportTable([run], [{ runId: 7, epochs: [epoch(1, 0.2), epoch(2, 0.25)], batches: [], latentStats: [] }])
    expect(table.columns.slice(0, 4)).toEqual(['runId', 'name', 'epoch', 'loss'])
    expect(table.rows).toHaveLength(2)
    expect(table.rows[1].slice(0, 3)).toEqual([7, 'tiny, "quoted"', 2])
  })
})

import { describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../../../src/shared/run-config'
import { EMPTY_FILTER, formatConditions, matchesFilter, parseConditions } from '../../../../../src/renderer/src/features/runs/table/run-filter'
import { baselineFirst, parseSort, sortRuns } from '../../../../../src/renderer/src/features/runs/table/run-sort'

function summary(id: number, patch: Partial<RunSummary> = {}): RunSummary {
  return {
    id, name: `run ${id}`, status: 'finished', dataset: 'mnist', createdAt: `2025-01-0${id}T00:00:00Z`, startedAt: null, finishedAt: null,
    epochsDone: 3, epochs: 3, engine: 'tfjs', backend: 'cpu', params: 15194, configHash: 'x', tags: [], notes: '', error: null,
    last: null, best: null, config: DEFAULT_RUN_CONFIG, configKey: 'k', ...patch,
  }
}
const metrics = (valLoss: number) => ({ epoch: 3, loss: valLoss + 0.01, recon: 0.1, kl: 2, valLoss, valRecon: 0.1, valKl: 2, seconds: 1, klWeight: 0.01 })

describe('runs table filter', () => {
  const a = summary(1, { name: 'Baseline GRU', tags: ['keep'], last: metrics(0.2), best: { valLoss: 0.18, epoch: 2 }, config: { ...DEFAULT_RUN_CONFIG, latentDim: 3 } })
  const b = summary(2, { status: 'failed', notes: 'NaN at epoch 4', config: { ...DEFAULT_RUN_CONFIG, latentDim: 8, cell: 'lstm' } })

  it('matches text in name, notes, tags and #id, ignoring case', () => {
    const f = (text: string) => [a, b].filter((r) => matchesFilter(r, { ...EMPTY_FILTER, text })).map((r) => r.id)
    expect(f('baseline')).toEqual([1])
    expect(f('nan AT')).toEqual([2])
    expect(f('KEEP')).toEqual([1])
    expect(f('#2')).toEqual([2])
    expect(f('')).toEqual([1, 2])
  })

  it('filters by status, tag, config fields and final metrics', () => {
    expect(matchesFilter(b, { ...EMPTY_FILTER, statuses: ['failed'] })).toBe(true)
    expect(matchesFilter(a, { ...EMPTY_FILTER, statuses: ['failed', 'crashed'] })).toBe(false)
    expect(matchesFilter(a, { ...EMPTY_FILTER, tag: 'keep' })).toBe(true)
    expect(matchesFilter(b, { ...EMPTY_FILTER, conditions: [{ field: 'latentDim', op: '>=', value: '4' }] })).toBe(true)
    expect(matchesFilter(a, { ...EMPTY_FILTER, conditions: [{ field: 'latentDim', op: '>=', value: '4' }] })).toBe(false)
    expect(matchesFilter(b, { ...EMPTY_FILTER, conditions: [{ field: 'cell', op: '=', value: 'LSTM' }] })).toBe(true)
    expect(matchesFilter(a, { ...EMPTY_FILTER, conditions: [{ field: 'bestValLoss', op: '<', value: '0.19' }] })).toBe(true)
    // No metrics: the condition cannot hold.
    expect(matchesFilter(b, { ...EMPTY_FILTER, conditions: [{ field: 'bestValLoss', op: '<', value: '1' }] })).toBe(false)
  })

  it('filters on an on/off config field by the words true and false', () => {
    const both = { ...DEFAULT_RUN_CONFIG, bidirectional: true }
    expect(matchesFilter({ ...a, config: both }, { ...EMPTY_FILTER, conditions: [{ field: 'bidirectional', op: '=', value: 'true' }] })).toBe(true)
    expect(matchesFilter(b, { ...EMPTY_FILTER, conditions: [{ field: 'bidirectional', op: '=', value: 'true' }] })).toBe(false)
  })

  it('round-trips conditions through the URL and drops unknown fields', () => {
    const conditions = [{ field: 'latentDim', op: '>=' as const, value: '3' }, { field: 'bestValLoss', op: '<' as const, value: '0.2' }]
    expect(parseConditions(formatConditions(conditions))).toEqual(conditions)
    expect(parseConditions('nope=1; klWeight != 0.1 ;epochs=')).toEqual([{ field: 'klWeight', op: '!=', value: '0.1' }])
  })
})

describe('runs table sort', () => {
  const runs = [summary(1, { best: { valLoss: 0.3, epoch: 1 } }), summary(2), summary(3, { best: { valLoss: 0.1, epoch: 2 } })]

  it('sorts by a metric with missing values last in both directions', () => {
    expect(sortRuns(runs, parseSort('bestValLoss')).map((r) => r.id)).toEqual([3, 1, 2])
    expect(sortRuns(runs, parseSort('-bestValLoss')).map((r) => r.id)).toEqual([1, 3, 2])
  })

  it("sorts by a config field from each run's config, newest first among equals", () => {
    const latent = new Map([[1, 5], [2, 2], [3, 5]])
    const configured = runs.map((run) => ({ ...run, config: { ...DEFAULT_RUN_CONFIG, latentDim: latent.get(run.id)! } }))
    expect(sortRuns(configured, { field: 'latentDim', descending: false }).map((r) => r.id)).toEqual([2, 3, 1])
  })

  it('falls back to newest first for an unknown field and pins the baseline on top', () => {
    expect(parseSort('bogus')).toEqual({ field: 'id', descending: true })
    expect(baselineFirst(runs, 3).map((r) => r.id)).toEqual([3, 1, 2])
    expect(baselineFirst(runs, null).map((r) => r.id)).toEqual([1, 2, 3])
  })
})

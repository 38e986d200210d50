import { describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../../../src/shared/run-config'
import { formatConditions, parseConditions } from '../../../../../src/renderer/src/features/runs/table/run-filter'
import { baselineFirst, parseSort } from '../../../../../src/renderer/src/features/runs/table/run-sort'

function summary(id: number, patch: Partial<RunSummary> = {}): RunSummary {
  return {
    id, name: `run ${id}`, status: 'finished', dataset: 'mnist', createdAt: `2025-01-0${id}T00:00:00Z`, startedAt: null, finishedAt: null,
    epochsDone: 3, epochs: 3, engine: 'tfjs', backend: 'cpu', params: 15194, configHash: 'x', tags: [], notes: '', error: null,
    last: null, best: null, config: DEFAULT_RUN_CONFIG, configKey: 'k', logLikelihood: null, ...patch,
  }
}

describe('runs table filter and sort in the URL', () => {
  it('round-trips conditions through the URL and drops unknown fields', () => {
    const conditions = [{ field: 'latentDim', op: '>=' as const, value: '3' }, { field: 'bestValLoss', op: '<' as const, value: '0.2' }]
    expect(parseConditions(formatConditions(conditions))).toEqual(conditions)
    expect(parseConditions('nope=1; klWeight != 0.1 ;epochs=')).toEqual([{ field: 'klWeight', op: '!=', value: '0.1' }])
  })

  it('falls back to newest first for an unknown field and pins the baseline on top', () => {
    const runs = [summary(1), summary(2), summary(3)]
    expect(parseSort('-bestValLoss')).toEqual({ field: 'bestValLoss', descending: true })
    expect(parseSort('bogus')).toEqual({ field: 'id', descending: true })
    expect(baselineFirst(runs, 3).map((r) => r.id)).toEqual([3, 1, 2])
    expect(baselineFirst(runs, null).map((r) => r.id)).toEqual([1, 2, 3])
  })
})

import { describe, expect, it } from 'vitest'
import {
  applyAssignment,
  MAX_SWEEP_RUNS,
  parseSweepValues,
  sweepAssignments,
  sweepRunName,
  sweepSizeProblem,
} from '../../../../src/renderer/src/features/new-run/sweep-expansion'

describe('sweep expansion', () => {
  it('reads value lists separated by commas or spaces, dropping repeats', () => {
    expect(parseSweepValues('latentDim', '2, 3 8,3')).toEqual({ values: [2, 3, 8], error: null })
    expect(parseSweepValues('learningRate', '1e-3;3e-3')).toEqual({ values: [0.001, 0.003], error: null })
    expect(parseSweepValues('cell', 'gru,lstm')).toEqual({ values: ['gru', 'lstm'], error: null })
  })

  it("refuses a value with the field's own sentence", () => {
    expect(parseSweepValues('latentDim', '2, 99')).toEqual({ values: null, error: '"99": latentDim must be an integer between 1 and 64' })
    expect(parseSweepValues('klWeight', 'x')).toEqual({ values: null, error: '"x": klWeight must be a number from 0 to 1' })
    expect(parseSweepValues('epochs', ' ').error).toMatch(/list one or more values/)
  })

  it('queues the cartesian product, first axis slowest', () => {
    const combos = sweepAssignments([
      { key: 'latentDim', values: [2, 3, 4] },
      { key: 'klWeight', values: [0.01, 0.1] },
    ])
    expect(combos).toHaveLength(6)
    expect(combos.map((c) => c.map((a) => a.value))).toEqual([
      [2, 0.01], [2, 0.1], [3, 0.01], [3, 0.1], [4, 0.01], [4, 0.1],
    ])
    expect(applyAssignment({ epochs: 1, latentDim: 9 }, combos[5])).toEqual({ epochs: 1, latentDim: 4, klWeight: 0.1 })
    expect(sweepRunName('beta', combos[5])).toBe('beta · latentDim=4 · klWeight=0.1')
    expect(sweepRunName('  ', combos[0])).toBe('latentDim=2 · klWeight=0.01')
  })

  it('with no axes is the base run alone', () => {
    expect(sweepAssignments([])).toEqual([[]])
  })

  it('refuses sweeping a field twice or queueing too many runs', () => {
    expect(sweepSizeProblem([{ key: 'seed', values: [1] }, { key: 'seed', values: [2] }])).toBe('sweep two different fields')
    const many = Array.from({ length: 11 }, (_, i) => i + 1)
    expect(sweepSizeProblem([{ key: 'seed', values: many }, { key: 'epochs', values: many }])).toBe(`this sweep would queue 121 runs; at most ${MAX_SWEEP_RUNS} at once`)
    expect(sweepSizeProblem([{ key: 'seed', values: many }])).toBeNull()
  })
})

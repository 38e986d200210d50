import { describe, expect, it } from 'vitest'
import type { ConfigKey } from '../../../../src/shared/run-config-fields'
import { formValuesFrom } from '../../../../src/renderer/src/features/new-run/config-form-values'
import { applyDatasetSuggestion } from '../../../../src/renderer/src/features/new-run/dataset-suggestions'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'

describe("a dataset's suggested settings in the new-run form", () => {
  const start = formValuesFrom(DEFAULT_RUN_CONFIG)

  it('fill the fields the user has not edited and leave the edited ones alone', () => {
    const values = { ...start, klWeight: '0.05' }
    const applied = applyDatasetSuggestion(values, start, { likelihood: 'gaussian', klWeight: 0.001, learningRate: 0.01 }, new Set<ConfigKey>(['klWeight']), new Set())
    expect(values).toMatchObject({ likelihood: 'gaussian', klWeight: '0.05', learningRate: '0.01' })
    expect([...applied].sort()).toEqual(['learningRate', 'likelihood'])
  })

  it("undo the previous dataset's suggestion where the new one says nothing", () => {
    const values = { ...start }
    const first = applyDatasetSuggestion(values, start, { klWeight: 0.001, learningRate: 0.01 }, new Set(), new Set())
    const second = applyDatasetSuggestion(values, start, { likelihood: 'gaussian' }, new Set(), first)
    expect(values).toMatchObject({ klWeight: '0.01', learningRate: '0.001', likelihood: 'gaussian' })
    expect([...second]).toEqual(['likelihood'])
    // Back to a dataset without suggestions: the form is the starting config again.
    applyDatasetSuggestion(values, start, {}, new Set(), second)
    expect(values).toEqual(start)
  })

  it('write on/off suggestions as the text a checkbox holds', () => {
    const values = { ...start }
    applyDatasetSuggestion(values, start, { bidirectional: true }, new Set(), new Set())
    expect(values.bidirectional).toBe('true')
  })
})

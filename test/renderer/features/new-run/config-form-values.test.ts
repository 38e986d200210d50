import { describe, expect, it } from 'vitest'
import { configInputFrom, formValuesFrom, steppedFieldText, validateConfig } from '../../../../src/renderer/src/features/new-run/config-form-values'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { configFieldSpec } from '../../../../src/shared/run-config-fields'

describe('config form values', () => {
  it('round-trip the reference config through the text the form holds', () => {
    const values = formValuesFrom(DEFAULT_RUN_CONFIG)
    expect(values.klWeight).toBe('0.01')
    expect(values.trainLimit).toBe('')
    expect(validateConfig(configInputFrom(values))).toEqual({ config: DEFAULT_RUN_CONFIG, errors: {} })
  })

  it("file the schema's sentences under the fields they are about", () => {
    const values = { ...formValuesFrom(DEFAULT_RUN_CONFIG), latentDim: '0', learningRate: '', batchSize: '2.5', cell: 'rnn' }
    const { config, errors } = validateConfig(configInputFrom(values))
    expect(config).toBeNull()
    expect(errors).toEqual({
      latentDim: 'latentDim must be an integer between 1 and 64',
      learningRate: 'learningRate must be a number greater than 0 and at most 1',
      batchSize: 'batchSize must be an integer between 1 and 4096',
      cell: 'cell must be one of: gru, lstm',
    })
  })

  it('leave empty sample limits out, so a run uses all samples', () => {
    const input = configInputFrom({ ...formValuesFrom(DEFAULT_RUN_CONFIG), trainLimit: '  ', valLimit: '300' })
    expect('trainLimit' in input).toBe(false)
    expect(input.valLimit).toBe(300)
  })

  it('read an on/off field as a boolean, and leave any other text for the schema to refuse', () => {
    const on = validateConfig(configInputFrom({ ...formValuesFrom(DEFAULT_RUN_CONFIG), bidirectional: 'true', likelihood: 'gaussian' }))
    expect(on.config).toMatchObject({ bidirectional: true, likelihood: 'gaussian' })
    expect(formValuesFrom(DEFAULT_RUN_CONFIG).bidirectional).toBe('false')
    expect(validateConfig(configInputFrom({ ...formValuesFrom(DEFAULT_RUN_CONFIG), bidirectional: 'yes' })).errors).toEqual({
      bidirectional: 'bidirectional must be true or false',
    })
  })

  it('step a number field by its step with ↑ / ↓, within its bounds', () => {
    expect(steppedFieldText(configFieldSpec('latentDim'), '3', 1)).toBe('4')
    expect(steppedFieldText(configFieldSpec('klWeight'), '0.01', 1)).toBe('0.011')
    expect(steppedFieldText(configFieldSpec('klWeight'), '0.0005', -1)).toBe('0')
    expect(steppedFieldText(configFieldSpec('latentDim'), '64', 1)).toBe('64')
    // 0 is refused for the learning rate, so ↓ stops at the last accepted value.
    expect(steppedFieldText(configFieldSpec('learningRate'), '0.0001', -1)).toBe('0.0001')
    expect(steppedFieldText(configFieldSpec('trainLimit'), '', 1)).toBeNull()
    expect(steppedFieldText(configFieldSpec('latentDim'), 'abc', 1)).toBeNull()
    expect(steppedFieldText(configFieldSpec('cell'), 'gru', 1)).toBeNull()
  })
})

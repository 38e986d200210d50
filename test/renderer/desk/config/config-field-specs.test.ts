import { describe, expect, it } from 'vitest'
import { CONFIG_FIELD_SPECS, configFieldSpec } from '../../../../src/renderer/src/desk/config/config-field-specs'
import { RunConfigSchema, RUN_CONFIG_FIELDS } from '../../../../src/shared/run-config'

describe('config field specs read from the shared schema', () => {
  it('cover every RunConfig field with its label, unit and help', () => {
    expect(CONFIG_FIELD_SPECS.map((spec) => spec.key).sort()).toEqual(Object.keys(RUN_CONFIG_FIELDS).sort())
    expect(configFieldSpec('batchSize')).toMatchObject({ label: 'Batch size', unit: 'samples', kind: 'int', range: 'an integer between 1 and 4096', min: 1, max: 4096 })
  })

  it('tell integers, reals, choices and optional limits apart', () => {
    expect(configFieldSpec('klWeight')).toMatchObject({ kind: 'number', min: 0, max: 1, exclusiveMin: false, optional: false })
    expect(configFieldSpec('learningRate')).toMatchObject({ kind: 'number', min: 0, max: 1, exclusiveMin: true, range: 'a number greater than 0 and at most 1' })
    expect(configFieldSpec('cell')).toMatchObject({ kind: 'enum', options: ['gru', 'lstm'] })
    expect(configFieldSpec('trainLimit')).toMatchObject({ kind: 'int', optional: true, min: 1 })
    expect(configFieldSpec('dataset').kind).toBe('string')
    expect(configFieldSpec('bidirectional')).toMatchObject({ kind: 'boolean', range: 'true or false', optional: false })
    expect(configFieldSpec('likelihood')).toMatchObject({ kind: 'enum', options: ['bernoulli', 'gaussian'] })
  })

  it('read bounds the schema really enforces: each bound accepted, one step beyond refused', () => {
    for (const spec of CONFIG_FIELD_SPECS.filter((s) => s.min !== undefined)) {
      const field = RunConfigSchema.shape[spec.key]
      const step = spec.kind === 'int' ? 1 : 1e-9
      expect(field.safeParse(spec.max).success, `${spec.key} max`).toBe(true)
      expect(field.safeParse(spec.max! + step).success, `${spec.key} above max`).toBe(false)
      expect(field.safeParse(spec.min).success, `${spec.key} min`).toBe(!spec.exclusiveMin)
      expect(field.safeParse(spec.min! - step).success, `${spec.key} below min`).toBe(false)
    }
  })
})

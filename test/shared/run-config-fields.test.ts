import { describe, expect, it } from 'vitest'
import { CONFIG_FIELD_SPECS, configFieldSpec } from '../../src/shared/run-config-fields'
import { DEFAULT_RUN_CONFIG, RunConfigSchema, RUN_CONFIG_FIELDS } from '../../src/shared/run-config'

describe('config field specs derived from the field table', () => {
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

  it("give the schema its refusals, worded from each field's range", () => {
    for (const spec of CONFIG_FIELD_SPECS) {
      const refusal = RunConfigSchema.shape[spec.key].safeParse(Number.NaN)
      expect(refusal.success ? null : refusal.error.issues[0].message, spec.key).toBe(`${spec.key} must be ${spec.range}`)
    }
    expect(configFieldSpec('dataset').range).toBe('a dataset name')
  })

  it('declare defaults the schema accepts, making the reference experiment', () => {
    expect(RunConfigSchema.parse(DEFAULT_RUN_CONFIG)).toEqual(DEFAULT_RUN_CONFIG)
    expect(DEFAULT_RUN_CONFIG).toMatchObject({ dataset: 'mnist', cell: 'gru', hiddenUnits: 40, latentDim: 3, klWeight: 0.01, epochs: 35, learningRate: 1e-3 })
    expect('trainLimit' in DEFAULT_RUN_CONFIG).toBe(false)
  })

  it('step numbers: integers by 1, reals by their declared step', () => {
    expect(configFieldSpec('epochs').step).toBe(1)
    expect(configFieldSpec('klWeight').step).toBe(0.001)
    expect(configFieldSpec('cell').step).toBeUndefined()
  })
})

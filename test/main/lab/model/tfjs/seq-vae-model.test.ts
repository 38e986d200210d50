import { beforeAll, expect, test } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { selectBackend } from '../../../../../src/main/lab/model/backend-selection'
import { buildSeqVae, disposeSeqVae } from '../../../../../src/main/lab/model/tfjs/seq-vae-model'
import { parameterCount, weightLayout } from '../../../../../src/main/lab/model/weight-layout'

const reference: ModelSpec = { cell: 'gru', steps: 28, features: 28, hiddenUnits: 40, latentDim: 3 }

beforeAll(async () => {
  await selectBackend('cpu')
})

function tfjsParameterCount(spec: ModelSpec): number {
  const model = buildSeqVae(spec)
  try {
    return model.encoder.countParams() + model.decoder.countParams()
  } finally {
    disposeSeqVae(model)
  }
}

test('the reference GRU model has exactly 15,194 parameters, counted by tfjs and by the canonical layout', () => {
  expect(tfjsParameterCount(reference)).toBe(15194)
  expect(parameterCount(reference)).toBe(15194)
})

test('an LSTM model has 4u(in + u + 1) parameters per recurrent layer', () => {
  const spec: ModelSpec = { ...reference, cell: 'lstm' }
  const { features: f, hiddenUnits: u, latentDim: d } = spec
  const dense = 2 * (u * d + d) + (u * f + f)
  const expected = 4 * u * (f + u + 1) + 4 * u * (d + u + 1) + dense
  expect(tfjsParameterCount(spec)).toBe(expected)
  expect(parameterCount(spec)).toBe(expected)
})

test.each(['gru', 'lstm'] as const)('the %s model exposes exactly the canonical weights, in layout order and shape', (cell) => {
  const spec: ModelSpec = { cell, steps: 5, features: 4, hiddenUnits: 6, latentDim: 2 }
  const model = buildSeqVae(spec)
  try {
    expect(model.variables.map(({ name, variable }) => [name, variable.shape])).toEqual(weightLayout(spec).map((w) => [w.name, w.shape]))
    expect(model.decoder.outputs[0].shape).toEqual([null, 5, 4])
    expect(model.encoder.outputs.map((o) => o.shape)).toEqual([
      [null, 2],
      [null, 2],
    ])
  } finally {
    disposeSeqVae(model)
  }
})

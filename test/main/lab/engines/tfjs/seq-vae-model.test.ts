import { beforeAll, expect, test } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { selectBackend } from '../../../../../src/main/lab/engines/tfjs/backend-selection'
import { buildSeqVae, disposeSeqVae } from '../../../../../src/main/lab/engines/tfjs/seq-vae-model'
import { parameterCount, weightLayout } from '../../../../../src/main/lab/model/weight-layout'

const reference: ModelSpec = { cell: 'gru', steps: 28, features: 28, hiddenUnits: 40, latentDim: 3, likelihood: 'bernoulli', bidirectional: false }

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

test('a bidirectional GRU(40) encoder gives the Keras count: 15,194 + 8,400 (backward GRU) + 2·40·3 (wider z kernels) = 23,834', () => {
  const spec: ModelSpec = { ...reference, bidirectional: true }
  // Keras GRU(reset_after=True): 3·(u·(in + u) + 2u) = 3·(40·68 + 80) = 8,400 per direction.
  const gru = 3 * (40 * (28 + 40) + 2 * 40)
  expect(gru).toBe(8400)
  expect(15194 + gru + 2 * 40 * 3).toBe(23834)
  expect(tfjsParameterCount(spec)).toBe(23834)
  expect(parameterCount(spec)).toBe(23834)
  // The likelihood adds no weight.
  expect(parameterCount({ ...spec, likelihood: 'gaussian' })).toBe(23834)
})

test('an LSTM model has 4u(in + u + 1) parameters per recurrent layer', () => {
  const spec: ModelSpec = { ...reference, cell: 'lstm' }
  const { features: f, hiddenUnits: u, latentDim: d } = spec
  const dense = 2 * (u * d + d) + (u * f + f)
  const expected = 4 * u * (f + u + 1) + 4 * u * (d + u + 1) + dense
  expect(tfjsParameterCount(spec)).toBe(expected)
  expect(parameterCount(spec)).toBe(expected)
})

test.each([
  { cell: 'gru', bidirectional: false },
  { cell: 'lstm', bidirectional: false },
  { cell: 'gru', bidirectional: true },
  { cell: 'lstm', bidirectional: true },
] as const)('the $cell model (bidirectional $bidirectional) exposes exactly the canonical weights, in layout order and shape', ({ cell, bidirectional }) => {
  const spec: ModelSpec = { cell, steps: 5, features: 4, hiddenUnits: 6, latentDim: 2, likelihood: 'bernoulli', bidirectional }
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

test('bidirectional weights carry Keras-style direction names; unidirectional names are unchanged', () => {
  const base: ModelSpec = { cell: 'gru', steps: 5, features: 4, hiddenUnits: 6, latentDim: 2, likelihood: 'bernoulli', bidirectional: false }
  const names = (spec: ModelSpec) => weightLayout(spec).map((w) => `${w.name} [${w.shape}]`)
  expect(names(base)).toEqual([
    'encoder_rnn/kernel [4,18]',
    'encoder_rnn/recurrent_kernel [6,18]',
    'encoder_rnn/bias [2,18]',
    'z_mean/kernel [6,2]',
    'z_mean/bias [2]',
    'z_log_var/kernel [6,2]',
    'z_log_var/bias [2]',
    'decoder_rnn/kernel [2,18]',
    'decoder_rnn/recurrent_kernel [6,18]',
    'decoder_rnn/bias [2,18]',
    'output_dense/kernel [6,4]',
    'output_dense/bias [4]',
  ])
  expect(names({ ...base, bidirectional: true }).slice(0, 10)).toEqual([
    'encoder_rnn/forward/kernel [4,18]',
    'encoder_rnn/forward/recurrent_kernel [6,18]',
    'encoder_rnn/forward/bias [2,18]',
    'encoder_rnn/backward/kernel [4,18]',
    'encoder_rnn/backward/recurrent_kernel [6,18]',
    'encoder_rnn/backward/bias [2,18]',
    'z_mean/kernel [12,2]',
    'z_mean/bias [2]',
    'z_log_var/kernel [12,2]',
    'z_log_var/bias [2]',
  ])
})

test('a gaussian decoder ends in the linear output layer; a bernoulli one in a sigmoid', () => {
  const spec: ModelSpec = { cell: 'gru', steps: 3, features: 2, hiddenUnits: 4, latentDim: 2, likelihood: 'gaussian', bidirectional: false }
  for (const [likelihood, last] of [
    ['gaussian', 'output_dense'],
    ['bernoulli', 'output_sigmoid'],
  ] as const) {
    const model = buildSeqVae({ ...spec, likelihood })
    try {
      expect(model.decoder.layers.at(-1)?.name).toBe(last)
    } finally {
      disposeSeqVae(model)
    }
  }
})

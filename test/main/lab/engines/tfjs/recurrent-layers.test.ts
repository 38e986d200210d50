import * as tf from '@tensorflow/tfjs'
import { describe, expect, test } from 'vitest'
import type { CellType } from '../../../../../src/shared/run-config'
import { selectBackend } from '../../../../../src/main/lab/engines/tfjs/backend-selection'
import { BidirectionalRecurrent, KerasLSTM, ResetAfterGRU } from '../../../../../src/main/lab/engines/tfjs/recurrent-layers'
import { recurrentReference } from './keras-reference'
import { randomUniform } from './random-fixtures'

const [n, steps, inputs, units] = [3, 7, 5, 6]

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]))
  return max
}

async function runLayer(cell: CellType, returnSequences: boolean, seed: number) {
  const layer = cell === 'gru' ? new ResetAfterGRU({ units, returnSequences }) : new KerasLSTM({ units, returnSequences })
  const g = (cell === 'gru' ? 3 : 4) * units
  const weights = {
    kernel: randomUniform(inputs * g, seed + 1),
    recurrentKernel: randomUniform(units * g, seed + 2),
    bias: randomUniform(cell === 'gru' ? 2 * g : g, seed + 3),
  }
  const x = randomUniform(n * steps * inputs, seed + 4, 2)
  const xs = tf.tensor3d(x, [n, steps, inputs])
  layer.apply(xs) // builds the weights
  layer.setWeights([tf.tensor(weights.kernel, [inputs, g]), tf.tensor(weights.recurrentKernel, [units, g]), tf.tensor(weights.bias, cell === 'gru' ? [2, g] : [g])])
  const out = layer.apply(xs) as tf.Tensor
  const result = { shape: out.shape, values: await out.data(), reference: recurrentReference(cell, x, n, steps, inputs, units, weights) }
  tf.dispose([xs, out])
  layer.dispose()
  return result
}

describe.each(['cpu', 'wasm'] as const)('recurrent layers on %s', (backend) => {
  test.each(['gru', 'lstm'] as const)('%s matches the float64 Keras equations at every step', async (cell) => {
    await selectBackend(backend)
    const { shape, values, reference } = await runLayer(cell, true, 10)
    expect(shape).toEqual([n, steps, units])
    expect(maxAbsDiff(values, reference)).toBeLessThan(1e-5)
  })

  test.each(['gru', 'lstm'] as const)('%s without returnSequences gives the last step only', async (cell) => {
    await selectBackend(backend)
    const { shape, values, reference } = await runLayer(cell, false, 20)
    expect(shape).toEqual([n, units])
    const last = Array.from({ length: n }, (_, b) => Array.from(reference.subarray((b * steps + steps - 1) * units, (b * steps + steps) * units))).flat()
    expect(maxAbsDiff(values, last)).toBeLessThan(1e-5)
  })
})

test.each(['gru', 'lstm'] as const)('bidirectional %s concatenates the forward final state and the final state over x reversed in time', async (cell) => {
  await selectBackend('cpu')
  const layer = new BidirectionalRecurrent({ name: 'encoder_rnn', units, cell })
  const g = (cell === 'gru' ? 3 : 4) * units
  const direction = (seed: number) => ({
    kernel: randomUniform(inputs * g, seed + 1),
    recurrentKernel: randomUniform(units * g, seed + 2),
    bias: randomUniform(cell === 'gru' ? 2 * g : g, seed + 3),
  })
  const [forward, backward] = [direction(30), direction(40)]
  const x = randomUniform(n * steps * inputs, 50, 2)
  const reversed = new Float32Array(x.length)
  for (let b = 0; b < n; b++)
    for (let t = 0; t < steps; t++) reversed.set(x.subarray((b * steps + t) * inputs, (b * steps + t + 1) * inputs), (b * steps + steps - 1 - t) * inputs)
  const xs = tf.tensor3d(x, [n, steps, inputs])
  layer.apply(xs) // builds the weights
  const biasShape = cell === 'gru' ? [2, g] : [g]
  const tensors = [forward, backward].flatMap((w) => [tf.tensor(w.kernel, [inputs, g]), tf.tensor(w.recurrentKernel, [units, g]), tf.tensor(w.bias, biasShape)])
  layer.setWeights(tensors)
  expect(layer.weights.map((w) => w.originalName)).toEqual(
    ['forward', 'backward'].flatMap((d) => ['kernel', 'recurrent_kernel', 'bias'].map((k) => `encoder_rnn/${d}/${k}`)),
  )
  const out = layer.apply(xs) as tf.Tensor
  expect(out.shape).toEqual([n, 2 * units])
  const lastOf = (states: Float64Array, b: number) => Array.from(states.subarray((b * steps + steps - 1) * units, (b * steps + steps) * units))
  const fwd = recurrentReference(cell, x, n, steps, inputs, units, forward)
  const bwd = recurrentReference(cell, reversed, n, steps, inputs, units, backward)
  const expected = Array.from({ length: n }, (_, b) => [...lastOf(fwd, b), ...lastOf(bwd, b)]).flat()
  expect(maxAbsDiff(await out.data(), expected)).toBeLessThan(1e-5)
  tf.dispose([xs, out, ...tensors])
  layer.dispose()
})

test('the layers name their variables like Keras inside a named layer, and their config rebuilds them', async () => {
  await selectBackend('cpu')
  const gru = new ResetAfterGRU({ name: 'encoder_rnn', units: 4, returnSequences: true })
  const lstm = new KerasLSTM({ name: 'decoder_rnn', units: 4 })
  const x = tf.input({ shape: [3, 2] })
  gru.apply(x)
  lstm.apply(x)
  expect(gru.weights.map((w) => [w.originalName, w.shape])).toEqual([
    ['encoder_rnn/kernel', [2, 12]],
    ['encoder_rnn/recurrent_kernel', [4, 12]],
    ['encoder_rnn/bias', [2, 12]],
  ])
  expect(lstm.weights.map((w) => [w.originalName, w.shape])).toEqual([
    ['decoder_rnn/kernel', [2, 16]],
    ['decoder_rnn/recurrent_kernel', [4, 16]],
    ['decoder_rnn/bias', [16]],
  ])
  const copy = ResetAfterGRU.fromConfig(ResetAfterGRU, gru.getConfig()) as ResetAfterGRU
  expect([copy.name, copy.units, copy.returnSequences]).toEqual(['encoder_rnn', 4, true])
})

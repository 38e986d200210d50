import { encodedUnits, encoderPrefixes, gateCount, type ModelSpec } from './model-spec'

/**
 * The canonical weights of a sequence VAE: Keras names and layouts, so that every engine (tfjs,
 * fused) reads and writes the same thing and an export loads into Keras `GRU(reset_after=True)` /
 * `LSTM` unchanged. Matrices are row-major [in, out] like Keras kernels.
 *
 *   encoder_rnn/kernel            [features, G·u]
 *   encoder_rnn/recurrent_kernel  [u, G·u]
 *   encoder_rnn/bias              GRU: [2, 3u] (input bias row, recurrent bias row); LSTM: [4u]
 *   z_mean/kernel [e, d]  z_mean/bias [d]   z_log_var/kernel [e, d]  z_log_var/bias [d]
 *   decoder_rnn/…                 as the encoder with latentDim inputs
 *   output_dense/kernel [u, features]  output_dense/bias [features]
 * G = 3 for GRU (gates z, r, h), 4 for LSTM (gates i, f, c, o); e = u.
 *
 * A bidirectional encoder (Keras `Bidirectional(GRU(u), merge_mode='concat', name='encoder_rnn')`)
 * has two recurrent layers of the shapes above in place of `encoder_rnn/…`, forward first as Keras
 * orders the wrapper's weights; Keras scopes them `forward_<layer>` / `backward_<layer>`, here
 * shortened to the direction:
 *   encoder_rnn/forward/kernel, encoder_rnn/forward/recurrent_kernel, encoder_rnn/forward/bias
 *   encoder_rnn/backward/kernel, encoder_rnn/backward/recurrent_kernel, encoder_rnn/backward/bias
 * The backward layer reads the time-reversed sequence; h = [h_T^forward, h_T^backward], so e = 2u
 * and rows [0, u) of z_mean / z_log_var kernels weigh the forward state, rows [u, 2u) the backward.
 * The likelihood changes no weight: its output Dense is linear either way (engines/inference-engine.ts).
 */
export interface WeightTensor {
  name: string
  shape: number[]
  values: Float32Array
}

export interface WeightSpec {
  name: string
  shape: number[]
  init: 'glorot' | 'orthogonal' | 'zeros' | 'lstm-bias'
}

function recurrentLayout(prefix: string, spec: ModelSpec, inputs: number): WeightSpec[] {
  const g = gateCount(spec.cell) * spec.hiddenUnits
  return [
    { name: `${prefix}/kernel`, shape: [inputs, g], init: 'glorot' },
    { name: `${prefix}/recurrent_kernel`, shape: [spec.hiddenUnits, g], init: 'orthogonal' },
    spec.cell === 'gru'
      ? { name: `${prefix}/bias`, shape: [2, g], init: 'zeros' }
      : { name: `${prefix}/bias`, shape: [g], init: 'lstm-bias' },
  ]
}

export function weightLayout(spec: ModelSpec): WeightSpec[] {
  const u = spec.hiddenUnits
  const e = encodedUnits(spec)
  const d = spec.latentDim
  return [
    ...encoderPrefixes(spec).flatMap((prefix) => recurrentLayout(prefix, spec, spec.features)),
    { name: 'z_mean/kernel', shape: [e, d], init: 'glorot' },
    { name: 'z_mean/bias', shape: [d], init: 'zeros' },
    { name: 'z_log_var/kernel', shape: [e, d], init: 'glorot' },
    { name: 'z_log_var/bias', shape: [d], init: 'zeros' },
    ...recurrentLayout('decoder_rnn', spec, d),
    { name: 'output_dense/kernel', shape: [u, spec.features], init: 'glorot' },
    { name: 'output_dense/bias', shape: [spec.features], init: 'zeros' },
  ]
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1)

export function parameterCount(spec: ModelSpec): number {
  return weightLayout(spec).reduce((n, w) => n + sizeOf(w.shape), 0)
}

/** Checks that `weights` has exactly the layout's names and shapes, in any order; returns them in layout order. */
export function orderWeights(spec: ModelSpec, weights: readonly WeightTensor[]): WeightTensor[] {
  const byName = new Map(weights.map((w) => [w.name, w]))
  return weightLayout(spec).map((ws) => {
    const w = byName.get(ws.name)
    if (!w) throw new Error(`weights are missing ${ws.name}`)
    if (w.shape.join('x') !== ws.shape.join('x') || w.values.length !== sizeOf(ws.shape)) {
      throw new Error(`weight ${ws.name} has shape [${w.shape}] but the model needs [${ws.shape}]`)
    }
    return w
  })
}

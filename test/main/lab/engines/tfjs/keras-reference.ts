import type { CellType } from '../../../../../src/shared/run-config'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import type { WeightTensor } from '../../../../../src/main/lab/model/weight-layout'

/**
 * The Keras equations written out in float64 with plain loops, one sample at a time: an
 * independent reference for the tfjs layers and engine (nothing here shares code with them).
 */
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v))

export interface RecurrentWeights {
  kernel: ArrayLike<number> // [inputs, G·u]
  recurrentKernel: ArrayLike<number> // [u, G·u]
  bias: ArrayLike<number> // GRU [2, 3u], LSTM [4u]
}

/** Hidden states of every step, [n, steps, u], for input x [n, steps, inputs]. */
export function recurrentReference(cell: CellType, x: ArrayLike<number>, n: number, steps: number, inputs: number, u: number, w: RecurrentWeights): Float64Array {
  const g = (cell === 'gru' ? 3 : 4) * u
  const out = new Float64Array(n * steps * u)
  for (let b = 0; b < n; b++) {
    const h = new Float64Array(u)
    const c = new Float64Array(u)
    for (let t = 0; t < steps; t++) {
      const xw = new Float64Array(g)
      const hu = new Float64Array(g)
      for (let j = 0; j < g; j++) {
        for (let k = 0; k < inputs; k++) xw[j] += x[(b * steps + t) * inputs + k] * w.kernel[k * g + j]
        for (let k = 0; k < u; k++) hu[j] += h[k] * w.recurrentKernel[k * g + j]
      }
      if (cell === 'gru') {
        for (let j = 0; j < g; j++) {
          xw[j] += w.bias[j]
          hu[j] += w.bias[g + j]
        }
        for (let j = 0; j < u; j++) {
          const z = sigmoid(xw[j] + hu[j])
          const r = sigmoid(xw[u + j] + hu[u + j])
          const candidate = Math.tanh(xw[2 * u + j] + r * hu[2 * u + j])
          h[j] = z * h[j] + (1 - z) * candidate
        }
      } else {
        for (let j = 0; j < u; j++) {
          const pre = (gate: number) => xw[gate * u + j] + hu[gate * u + j] + w.bias[gate * u + j]
          c[j] = sigmoid(pre(1)) * c[j] + sigmoid(pre(0)) * Math.tanh(pre(2))
          h[j] = sigmoid(pre(3)) * Math.tanh(c[j])
        }
      }
      out.set(h, (b * steps + t) * u)
    }
  }
  return out
}

function dense(x: ArrayLike<number>, rows: number, inputs: number, kernel: ArrayLike<number>, bias: ArrayLike<number>): Float64Array {
  const units = bias.length
  const out = new Float64Array(rows * units)
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < units; j++) {
      let s = bias[j]
      for (let k = 0; k < inputs; k++) s += x[r * inputs + k] * kernel[k * units + j]
      out[r * units + j] = s
    }
  }
  return out
}

/** The whole VAE forward pass and loss of training-engine.ts, per the documented equations (every likelihood and encoder). */
export function vaeReference(spec: ModelSpec, weights: readonly WeightTensor[], x: ArrayLike<number>, eps: ArrayLike<number>, n: number, klWeight: number) {
  const w = (name: string) => {
    const found = weights.find((t) => t.name === name)
    if (!found) throw new Error(`no ${name}`)
    return found.values
  }
  const rnn = (prefix: string) => ({ kernel: w(`${prefix}/kernel`), recurrentKernel: w(`${prefix}/recurrent_kernel`), bias: w(`${prefix}/bias`) })
  const { steps, features, hiddenUnits: u, latentDim: d } = spec
  // Keras Bidirectional(merge_mode='concat'): [forward final state, final state over x reversed in time].
  const reversed = new Float64Array(n * steps * features)
  for (let b = 0; b < n; b++)
    for (let t = 0; t < steps; t++)
      for (let f = 0; f < features; f++) reversed[(b * steps + t) * features + f] = x[(b * steps + steps - 1 - t) * features + f]
  const directions = spec.bidirectional
    ? [recurrentReference(spec.cell, x, n, steps, features, u, rnn('encoder_rnn/forward')), recurrentReference(spec.cell, reversed, n, steps, features, u, rnn('encoder_rnn/backward'))]
    : [recurrentReference(spec.cell, x, n, steps, features, u, rnn('encoder_rnn'))]
  const e = directions.length * u
  const last = new Float64Array(n * e)
  for (let b = 0; b < n; b++)
    directions.forEach((encoded, k) => last.set(encoded.subarray((b * steps + steps - 1) * u, (b * steps + steps) * u), b * e + k * u))
  const zMean = dense(last, n, e, w('z_mean/kernel'), w('z_mean/bias'))
  const zLogVar = dense(last, n, e, w('z_log_var/kernel'), w('z_log_var/bias'))
  const z = zMean.map((m, i) => m + Math.exp(0.5 * zLogVar[i]) * eps[i])
  const repeated = new Float64Array(n * steps * d)
  for (let b = 0; b < n; b++) for (let t = 0; t < steps; t++) repeated.set(z.subarray(b * d, (b + 1) * d), (b * steps + t) * d)
  const decoded = recurrentReference(spec.cell, repeated, n, steps, d, u, rnn('decoder_rnn'))
  const logits = dense(decoded, n * steps, u, w('output_dense/kernel'), w('output_dense/bias'))
  let recon = 0
  let kl = 0
  for (let b = 0; b < n; b++) {
    let error = 0
    for (let i = 0; i < steps * features; i++) {
      const l = logits[b * steps * features + i]
      const target = x[b * steps * features + i]
      if (spec.likelihood === 'gaussian') {
        error += (target - l) ** 2
      } else {
        const p = sigmoid(l)
        error -= target * Math.log(p) + (1 - target) * Math.log(1 - p)
      }
    }
    recon += error / (steps * features) / n
    for (let j = 0; j < d; j++) {
      const i = b * d + j
      kl += (-0.5 * (1 + zLogVar[i] - zMean[i] ** 2 - Math.exp(zLogVar[i]))) / n
    }
  }
  // What decode returns: Bernoulli probabilities, or the Gaussian means themselves.
  const means = spec.likelihood === 'gaussian' ? logits : logits.map(sigmoid)
  return { loss: (1 - klWeight) * recon + klWeight * kl, recon, kl, zMean, zLogVar, probabilities: means }
}

import * as tf from '@tensorflow/tfjs'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import type { WeightTensor } from '../../../../../src/main/lab/model/weight-layout'

/**
 * The loss of training-engine.ts written out in plain tfjs ops, independent of both the fused
 * engine and the tfjs layer engine, so tfjs autodiff can supply reference gradients.
 * `w` holds one tensor per canonical weight name. Call inside tf.tidy or tf.grads.
 */
export function referenceLoss(spec: ModelSpec, w: Record<string, tf.Tensor>, x: tf.Tensor3D, eps: tf.Tensor2D, klWeight: number): tf.Scalar {
  const { steps } = spec
  const xSteps = tf.unstack(x, 1) as tf.Tensor2D[]
  const last = (prefix: string, inputs: tf.Tensor2D[]) => runRnn(spec, prefix, w, inputs).at(-1) as tf.Tensor2D
  // Bidirectional: the backward RNN reads x_T … x_1; its final state follows the forward one.
  const hT = spec.bidirectional
    ? tf.concat([last('encoder_rnn/forward', xSteps), last('encoder_rnn/backward', [...xSteps].reverse())], 1)
    : last('encoder_rnn', xSteps)
  const mu = tf.add(tf.matMul(hT, w['z_mean/kernel'] as tf.Tensor2D), w['z_mean/bias'])
  const logVar = tf.add(tf.matMul(hT, w['z_log_var/kernel'] as tf.Tensor2D), w['z_log_var/bias'])
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps)) as tf.Tensor2D
  const hs = runRnn(spec, 'decoder_rnn', w, Array.from({ length: steps }, () => z))
  const logits = tf.stack(hs.map((h) => tf.add(tf.matMul(h, w['output_dense/kernel'] as tf.Tensor2D), w['output_dense/bias'])), 1)
  const perValue =
    spec.likelihood === 'gaussian'
      ? tf.square(tf.sub(x, logits))
      : tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))))
  const recon = tf.mean(perValue, [1, 2])
  const kl = tf.mul(tf.sum(tf.sub(tf.sub(tf.add(logVar, 1), tf.square(mu)), tf.exp(logVar)), 1), -0.5)
  return tf.mean(tf.add(tf.mul(recon, 1 - klWeight), tf.mul(kl, klWeight)))
}

/** Hidden states after each step, from a zero state: GRU (reset_after) or LSTM per the engine doc. */
function runRnn(spec: ModelSpec, prefix: string, w: Record<string, tf.Tensor>, inputs: tf.Tensor2D[]): tf.Tensor2D[] {
  const u = spec.hiddenUnits
  const kernel = w[`${prefix}/kernel`] as tf.Tensor2D
  const recurrent = w[`${prefix}/recurrent_kernel`] as tf.Tensor2D
  const bias = w[`${prefix}/bias`]
  const n = inputs[0].shape[0]
  let h = tf.zeros([n, u]) as tf.Tensor2D
  let c = tf.zeros([n, u]) as tf.Tensor2D
  const out: tf.Tensor2D[] = []
  for (const xt of inputs) {
    if (spec.cell === 'gru') {
      const [bIn, bRec] = tf.unstack(bias)
      const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, kernel), bIn), 3, 1)
      const [rz, rr, rh] = tf.split(tf.add(tf.matMul(h, recurrent), bRec), 3, 1)
      const zg = tf.sigmoid(tf.add(xz, rz))
      const rg = tf.sigmoid(tf.add(xr, rr))
      const hh = tf.tanh(tf.add(xh, tf.mul(rg, rh)))
      h = tf.add(tf.mul(zg, h), tf.mul(tf.sub(1, zg), hh)) as tf.Tensor2D
    } else {
      const [ai, af, ac, ao] = tf.split(tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h, recurrent)), bias), 4, 1)
      c = tf.add(tf.mul(tf.sigmoid(af), c), tf.mul(tf.sigmoid(ai), tf.tanh(ac))) as tf.Tensor2D
      h = tf.mul(tf.sigmoid(ao), tf.tanh(c)) as tf.Tensor2D
    }
    out.push(h)
  }
  return out
}

/** Reference loss and its gradient for every weight, by tfjs autodiff. */
export function referenceGradients(spec: ModelSpec, weights: WeightTensor[], x: Float32Array, eps: Float32Array, n: number, klWeight: number): { loss: number; grads: Map<string, Float32Array> } {
  const { value, grads } = tf.tidy(() => {
    const tensors = weights.map((wt) => tf.tensor(wt.values, wt.shape))
    const xs = tf.tensor3d(x, [n, spec.steps, spec.features])
    const es = tf.tensor2d(eps, [n, spec.latentDim])
    const f = (...ts: tf.Tensor[]) => referenceLoss(spec, Object.fromEntries(weights.map((wt, i) => [wt.name, ts[i]])), xs, es, klWeight)
    return tf.valueAndGrads(f)(tensors)
  })
  try {
    return { loss: value.dataSync()[0], grads: new Map(weights.map((wt, i) => [wt.name, grads[i].dataSync() as Float32Array])) }
  } finally {
    tf.dispose([value, ...grads])
  }
}

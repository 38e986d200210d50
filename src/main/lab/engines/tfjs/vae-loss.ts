import * as tf from '@tensorflow/tfjs'
import type { SeqVaeModel } from './seq-vae-model'

export interface LossTensors {
  loss: tf.Scalar
  recon: tf.Scalar
  kl: tf.Scalar
}

/**
 * The loss of training-engine.ts as tfjs ops, batch means of each term. Bernoulli: the BCE is
 * taken from the logits, max(l,0) − l·x + log(1+e^−|l|), which stays finite where sigmoid-then-log
 * would not. Gaussian: the squared error of the linear output. Call inside tf.tidy (or
 * tf.variableGrads); every intermediate is left to the caller's scope.
 */
export function vaeLosses(model: SeqVaeModel, x: tf.Tensor3D, eps: tf.Tensor2D, klWeight: number): LossTensors {
  const [zMean, zLogVar] = model.encoder.apply(x) as tf.Tensor2D[]
  const z = tf.add(zMean, tf.mul(tf.exp(tf.mul(zLogVar, 0.5)), eps))
  const logits = model.decoderLogits.apply(z) as tf.Tensor3D
  const perValue =
    model.spec.likelihood === 'gaussian'
      ? tf.squaredDifference(logits, x)
      : tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))))
  const reconPerSample = tf.mean(perValue, [1, 2])
  const klPerSample = tf.mul(tf.sum(tf.sub(tf.sub(tf.add(zLogVar, 1), tf.square(zMean)), tf.exp(zLogVar)), 1), -0.5)
  return {
    loss: tf.mean(tf.add(tf.mul(reconPerSample, 1 - klWeight), tf.mul(klPerSample, klWeight))),
    recon: tf.mean(reconPerSample),
    kl: tf.mean(klPerSample),
  }
}

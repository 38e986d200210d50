import * as tf from '@tensorflow/tfjs'
import type { ModelSpec } from '../../model/model-spec'
import { orderWeights, weightLayout, type WeightTensor } from '../../model/weight-layout'
import { BidirectionalRecurrent, KerasLSTM, ResetAfterGRU } from './recurrent-layers'

/**
 * The sequence VAE as tfjs LayersModels whose layer names give exactly the canonical weight names
 * of weight-layout.ts (`encoder_rnn/kernel`, `z_mean/bias`, …), so tfjs's own save format and our
 * canonical weights agree name for name.
 */
export interface SeqVaeModel {
  readonly spec: ModelSpec
  /** x [n, steps, features] → [zMean, zLogVar], each [n, latentDim]. */
  readonly encoder: tf.LayersModel
  /**
   * z [n, latentDim] → the means [n, steps, features] of the likelihood: sigmoid probabilities
   * (bernoulli) or the linear output itself (gaussian); what gets exported.
   */
  readonly decoder: tf.LayersModel
  /**
   * The decoder up to `output_dense` (linear): logits for the stable BCE, or the Gaussian means.
   * A view on `decoder`'s layers; for a gaussian model the same object as `decoder`.
   */
  readonly decoderLogits: tf.LayersModel
  /** Every trainable variable in canonical layout order, under its canonical name. */
  readonly variables: readonly { name: string; variable: tf.LayerVariable }[]
}

function recurrentLayer(spec: ModelSpec, name: string, returnSequences: boolean): tf.layers.Layer {
  const args = { name, units: spec.hiddenUnits, returnSequences }
  return spec.cell === 'gru' ? new ResetAfterGRU(args) : new KerasLSTM(args)
}

// Zero initialisers: the weights are always loaded from the canonical (seeded) ones afterwards.
const dense = (name: string, units: number) => tf.layers.dense({ name, units, kernelInitializer: 'zeros' })

/** The encoder's recurrent layer: one-way, or Keras-style Bidirectional with concatenated final states. */
function encoderLayer(spec: ModelSpec): tf.layers.Layer {
  const name = 'encoder_rnn'
  return spec.bidirectional ? new BidirectionalRecurrent({ name, units: spec.hiddenUnits, cell: spec.cell }) : recurrentLayer(spec, name, false)
}

/** Builds the encoder and decoder; needs a tfjs backend to be ready. Weights start at zero. */
export function buildSeqVae(spec: ModelSpec): SeqVaeModel {
  const x = tf.input({ shape: [spec.steps, spec.features], name: 'encoder_input' })
  const h = encoderLayer(spec).apply(x) as tf.SymbolicTensor
  const zMean = dense('z_mean', spec.latentDim).apply(h) as tf.SymbolicTensor
  const zLogVar = dense('z_log_var', spec.latentDim).apply(h) as tf.SymbolicTensor
  const encoder = tf.model({ name: 'encoder', inputs: x, outputs: [zMean, zLogVar] })

  const z = tf.input({ shape: [spec.latentDim], name: 'decoder_input' })
  const repeated = tf.layers.repeatVector({ n: spec.steps, name: 'repeat_vector' }).apply(z)
  const states = recurrentLayer(spec, 'decoder_rnn', true).apply(repeated)
  const logits = dense('output_dense', spec.features).apply(states) as tf.SymbolicTensor
  let decoder: tf.LayersModel
  let decoderLogits: tf.LayersModel
  if (spec.likelihood === 'gaussian') {
    decoder = decoderLogits = tf.model({ name: 'decoder', inputs: z, outputs: logits })
  } else {
    const probabilities = tf.layers.activation({ activation: 'sigmoid', name: 'output_sigmoid' }).apply(logits) as tf.SymbolicTensor
    decoderLogits = tf.model({ name: 'decoder_logits', inputs: z, outputs: logits })
    decoder = tf.model({ name: 'decoder', inputs: z, outputs: probabilities })
  }

  // tfjs may suffix a variable's runtime name to keep it unique; originalName is the scoped name.
  const byName = new Map([...encoder.weights, ...decoderLogits.weights].map((v) => [v.originalName, v]))
  const variables = weightLayout(spec).map(({ name }) => {
    const variable = byName.get(name)
    if (!variable) throw new Error(`the tfjs model has no variable ${name}; it has ${[...byName.keys()].join(', ')}`)
    return { name, variable }
  })
  if (byName.size !== variables.length) throw new Error(`the tfjs model has variables outside the canonical layout: ${[...byName.keys()].join(', ')}`)
  return { spec, encoder, decoder, decoderLogits, variables }
}

export function disposeSeqVae(model: SeqVaeModel): void {
  model.encoder.dispose()
  // `decoder` holds every decoder layer; disposing `decoderLogits` too would dispose them twice.
  model.decoder.dispose()
}

/** The current weights in canonical layout (copies, safe to keep or mutate). */
export async function readWeights(model: SeqVaeModel): Promise<WeightTensor[]> {
  return Promise.all(
    model.variables.map(async ({ name, variable }) => ({
      name,
      shape: [...variable.shape] as number[],
      // The cpu backend hands out its live buffer; copy so callers cannot corrupt a variable.
      values: new Float32Array(await variable.read().data()),
    })),
  )
}

/** Loads canonical weights (any order; names and shapes are checked). */
export function assignWeights(model: SeqVaeModel, weights: readonly WeightTensor[]): void {
  const ordered = orderWeights(model.spec, weights)
  tf.tidy(() => {
    model.variables.forEach(({ variable }, i) => variable.write(tf.tensor(ordered[i].values, ordered[i].shape)))
  })
}

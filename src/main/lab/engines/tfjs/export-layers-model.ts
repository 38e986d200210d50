import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import type { ModelSpec } from '../../model/model-spec'
import type { WeightTensor } from '../../model/weight-layout'
import { directoryLoadHandler, directorySaveHandler } from './directory-io-handler'
// Registers the custom recurrent layers, without which tfjs cannot rebuild a saved model.
import './recurrent-layers'
import { assignWeights, buildSeqVae, disposeSeqVae } from './seq-vae-model'

export interface LayersModelPair {
  /** x [n, steps, features] → [zMean, zLogVar]. */
  encoder: tf.LayersModel
  /** z [n, latentDim] → means [n, steps, features]: probabilities (sigmoid included) or Gaussian means. */
  decoder: tf.LayersModel
}

/**
 * Writes a trained VAE as two TensorFlow.js Layers models, `dir/encoder/` and `dir/decoder/`, each
 * `model.json` + `weights.bin`, with the canonical Keras weight names. Needs a tfjs backend.
 */
export async function exportLayersModels(dir: string, spec: ModelSpec, weights: readonly WeightTensor[]): Promise<void> {
  const model = buildSeqVae(spec)
  try {
    assignWeights(model, weights)
    await model.encoder.save(directorySaveHandler(join(dir, 'encoder')))
    await model.decoder.save(directorySaveHandler(join(dir, 'decoder')))
  } finally {
    disposeSeqVae(model)
  }
}

/** Reads back what exportLayersModels wrote. The caller disposes the models. */
export async function loadLayersModels(dir: string): Promise<LayersModelPair> {
  const encoder = await tf.loadLayersModel(directoryLoadHandler(join(dir, 'encoder')))
  try {
    return { encoder, decoder: await tf.loadLayersModel(directoryLoadHandler(join(dir, 'decoder'))) }
  } catch (e) {
    encoder.dispose()
    throw e
  }
}

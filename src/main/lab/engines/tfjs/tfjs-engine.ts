import * as tf from '@tensorflow/tfjs'
import type { BackendChoice } from '../../../../shared/run-config'
import type { OptimizerState } from '../../model/checkpoint'
import { orderWeights, type WeightTensor } from '../../model/weight-layout'
import type { InferenceEngine, InferenceOptions } from '../inference-engine'
import type { BatchLosses, EngineOptions, TrainingEngine } from '../training-engine'
import { selectBackend } from './backend-selection'
import { assignWeights, buildSeqVae, disposeSeqVae, readWeights, type SeqVaeModel } from './seq-vae-model'
import { vaeLosses } from './vae-loss'

/** Rows per forward pass in encode/decode: large enough to amortise per-op overhead, small in memory. */
const PREDICT_BATCH = 512

const newAdam = (learningRate: number) => tf.train.adam(learningRate, 0.9, 0.999, 1e-7)

/** Selects the backend, builds the model and loads the starting weights. */
async function buildModel(options: InferenceOptions & { backend?: BackendChoice }): Promise<{ backend: string; model: SeqVaeModel }> {
  const backend = await selectBackend(options.backend ?? 'auto')
  const model = buildSeqVae(options.spec)
  try {
    assignWeights(model, options.weights)
  } catch (e) {
    disposeSeqVae(model)
    throw e
  }
  return { backend, model }
}

/** The model for encoding and decoding only: no optimizer is built. */
export async function createTfjsInference(options: InferenceOptions & { backend?: BackendChoice }): Promise<TfjsInference> {
  const { backend, model } = await buildModel(options)
  return new TfjsInference(backend, model)
}

export async function createTfjsEngine(options: EngineOptions & { backend?: BackendChoice }): Promise<TfjsEngine> {
  const { backend, model } = await buildModel(options)
  return new TfjsEngine(backend, model, options.learningRate)
}

/** The reference model as tfjs layers (seq-vae-model.ts). */
export class TfjsInference implements InferenceEngine {
  readonly engine = 'tfjs'

  constructor(
    readonly backend: string,
    protected readonly model: SeqVaeModel,
  ) {}

  async encode(x: Float32Array, n: number): Promise<{ zMean: Float32Array; zLogVar: Float32Array }> {
    const { steps, features } = this.model.spec
    const [zMean, zLogVar] = tf.tidy(
      () => this.model.encoder.predict(tf.tensor3d(x, [n, steps, features]), { batchSize: PREDICT_BATCH }) as tf.Tensor[],
    )
    try {
      return { zMean: new Float32Array(await zMean.data()), zLogVar: new Float32Array(await zLogVar.data()) }
    } finally {
      tf.dispose([zMean, zLogVar])
    }
  }

  async decode(z: Float32Array, n: number, out?: Float32Array): Promise<Float32Array> {
    const p = tf.tidy(() => this.model.decoder.predict(tf.tensor2d(z, [n, this.model.spec.latentDim]), { batchSize: PREDICT_BATCH }) as tf.Tensor)
    try {
      const means = (await p.data()) as Float32Array
      if (!out) return new Float32Array(means)
      out.set(means)
      return out.subarray(0, means.length)
    } finally {
      p.dispose()
    }
  }

  dispose(): void {
    disposeSeqVae(this.model)
  }
}

/** The reference engine: gradients by tfjs autodiff, tfjs's Adam. */
export class TfjsEngine extends TfjsInference implements TrainingEngine {
  private optimizer: tf.AdamOptimizer
  /** The variables Adam updates, in canonical order: Adam keys its moments by this position. */
  private readonly trainables: tf.Variable[]

  constructor(
    backend: string,
    model: SeqVaeModel,
    private readonly learningRate: number,
  ) {
    super(backend, model)
    this.optimizer = newAdam(learningRate)
    this.trainables = model.variables.map(({ variable }) => variable.read() as tf.Variable)
  }

  async trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses> {
    const terms = tf.tidy(() => {
      const [xs, es] = this.inputs(x, eps, n)
      // variableGrads keeps only the loss; recon and kl are kept by hand and released below.
      let parts: tf.Scalar[] = []
      const { value, grads } = tf.variableGrads(() => {
        const { loss, recon, kl } = vaeLosses(this.model, xs, es, klWeight)
        parts = [tf.keep(recon), tf.keep(kl)]
        return loss
      }, this.trainables)
      this.optimizer.applyGradients(this.trainables.map((v) => ({ name: v.name, tensor: grads[v.name] })))
      const stacked = tf.stack([value, ...parts])
      tf.dispose(parts)
      return stacked
    })
    return readLosses(terms)
  }

  async evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses> {
    return readLosses(
      tf.tidy(() => {
        const { loss, recon, kl } = vaeLosses(this.model, ...this.inputs(x, eps, n), klWeight)
        return tf.stack([loss, recon, kl])
      }),
    )
  }

  getWeights(): Promise<WeightTensor[]> {
    return readWeights(this.model)
  }

  async setWeights(weights: WeightTensor[]): Promise<void> {
    assignWeights(this.model, weights)
  }

  async getOptimizerState(): Promise<OptimizerState> {
    const step = this.optimizer.iterations
    const [iterations, ...moments] = await this.optimizer.getWeights()
    iterations.tensor.dispose() // a fresh scalar; the moments are Adam's live variables
    const count = this.trainables.length
    // Before its first step Adam has no moments yet: they are zero.
    const read = (offset: number) =>
      Promise.all(
        this.model.variables.map(async ({ name, variable }, i) => ({
          name,
          shape: [...variable.shape] as number[],
          values: moments.length ? new Float32Array(await moments[offset + i].tensor.data()) : new Float32Array(variable.read().size),
        })),
      )
    return { step, m: await read(0), v: await read(count) }
  }

  async setOptimizerState(state: OptimizerState): Promise<void> {
    const spec = this.model.spec
    const toTensors = (weights: WeightTensor[]) => orderWeights(spec, weights).map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape) }))
    const named = [{ name: 'iter', tensor: tf.scalar(state.step, 'int32') }, ...toTensors(state.m), ...toTensors(state.v)]
    // Adam.setWeights replaces its moment variables without disposing the old ones, so a fresh
    // optimizer takes the state and the old one is disposed whole. It also rebuilds β^t with pow
    // rather than the running product, which can differ from an uninterrupted run in the last bit.
    const restored = newAdam(this.learningRate)
    try {
      await restored.setWeights(named)
    } catch (e) {
      restored.dispose()
      throw e
    } finally {
      tf.dispose(named.map((t) => t.tensor)) // setWeights made variables that share the data
    }
    this.optimizer.dispose()
    this.optimizer = restored
  }

  override dispose(): void {
    this.optimizer.dispose()
    super.dispose()
  }

  private inputs(x: Float32Array, eps: Float32Array, n: number): [tf.Tensor3D, tf.Tensor2D] {
    const { steps, features, latentDim } = this.model.spec
    return [tf.tensor3d(x, [n, steps, features]), tf.tensor2d(eps, [n, latentDim])]
  }
}

async function readLosses(terms: tf.Tensor): Promise<BatchLosses> {
  try {
    const [loss, recon, kl] = await terms.data()
    return { loss, recon, kl }
  } finally {
    terms.dispose()
  }
}

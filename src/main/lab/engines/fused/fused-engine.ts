import { availableParallelism } from 'node:os'
import type { OptimizerState } from '../../model/checkpoint'
import type { ModelSpec } from '../../model/model-spec'
import type { WeightTensor } from '../../model/weight-layout'
import type { InferenceEngine, InferenceOptions } from '../inference-engine'
import type { BatchLosses, EngineOptions, TrainingEngine } from '../training-engine'
import { flattenWeights, unflattenWeights } from './flat-params'
import type { FusedCore } from './fused-core'
import { JsCore } from './js-core'
import { nativeAddonStatus, NativeCore } from './native-core'

export type FusedImplementation = 'native' | 'js'

/** How the fused arithmetic runs, whatever the engine is used for. */
interface CoreChoice {
  /** `auto` (default) uses the native addon where it loads and the TypeScript fallback otherwise. */
  implementation?: 'auto' | FusedImplementation
  /** Native threads, each taking half of every batch (default: 2, or 1 on a one-core machine). */
  threads?: number
}

export type FusedInferenceOptions = InferenceOptions & CoreChoice
export type FusedEngineOptions = EngineOptions & CoreChoice

/** Whether the native addon (the fast path) loads here; without it the fused engine runs in TypeScript. */
export function fusedEngineAvailable(): boolean {
  return nativeAddonStatus().available
}

function createCore(spec: ModelSpec, { implementation = 'auto', threads = Math.min(2, availableParallelism()) }: CoreChoice): FusedCore {
  const useNative = implementation === 'native' || (implementation === 'auto' && fusedEngineAvailable())
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive whole number, got ${threads}`)
  return useNative ? new NativeCore(spec, threads) : new JsCore(spec)
}

/** Loads the starting weights; an engine that cannot take them is released, not leaked. */
async function withWeights<E extends FusedInference>(engine: E, weights: WeightTensor[]): Promise<E> {
  try {
    await engine.setWeights(weights)
  } catch (e) {
    engine.dispose()
    throw e
  }
  return engine
}

/** The fused model for encoding and decoding only: no learning rate, never trained. */
export function createFusedInference(options: FusedInferenceOptions): Promise<FusedInference> {
  return withWeights(new FusedInference(options.spec, createCore(options.spec, options)), options.weights)
}

export function createFusedEngine(options: FusedEngineOptions): Promise<FusedEngine> {
  return withWeights(new FusedEngine(options.spec, createCore(options.spec, options), options.learningRate), options.weights)
}

/**
 * The model of inference-engine.ts over flat Float32 vectors (see fused-core.ts): no tensors,
 * nothing allocated per call beyond the results.
 */
export class FusedInference implements InferenceEngine {
  readonly engine = 'fused'
  readonly backend: string
  private disposed = false

  constructor(
    protected readonly spec: ModelSpec,
    protected readonly core: FusedCore,
  ) {
    this.backend = core.backend
  }

  async encode(x: Float32Array, n: number): Promise<{ zMean: Float32Array; zLogVar: Float32Array }> {
    this.checkLive()
    const { steps, features, latentDim } = this.spec
    requireLength('x', x, n, n * steps * features)
    const zMean = new Float32Array(n * latentDim)
    const zLogVar = new Float32Array(n * latentDim)
    this.core.encode(x, n, zMean, zLogVar)
    return { zMean, zLogVar }
  }

  async decode(z: Float32Array, n: number, into?: Float32Array): Promise<Float32Array> {
    this.checkLive()
    const { steps, features, latentDim } = this.spec
    requireLength('z', z, n, n * latentDim)
    const size = n * steps * features
    if (into && into.length < size) throw new Error(`out must hold ${size} values for ${n} sequences, not ${into.length}`)
    const out = into ? into.subarray(0, size) : new Float32Array(size)
    this.core.decode(z, n, out)
    return out
  }

  async getWeights(): Promise<WeightTensor[]> {
    this.checkLive()
    const flat = new Float32Array(this.core.paramCount)
    this.core.getParams(flat)
    return unflattenWeights(this.spec, flat)
  }

  async setWeights(weights: WeightTensor[]): Promise<void> {
    this.checkLive()
    this.core.setParams(flattenWeights(this.spec, weights))
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.core.dispose()
  }

  protected checkLive(): void {
    if (this.disposed) throw new Error('the fused engine was disposed')
  }
}

/**
 * The loss and Adam of training-engine.ts with a hand-derived backward pass. A batch is split into
 * two fixed halves whose gradients are added in a fixed order, so a seed gives the same weights
 * whatever the thread count or timing.
 */
export class FusedEngine extends FusedInference implements TrainingEngine {
  private readonly losses = new Float64Array(3)

  constructor(
    spec: ModelSpec,
    core: FusedCore,
    private readonly learningRate: number,
  ) {
    super(spec, core)
  }

  async trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses> {
    this.checkBatch(x, eps, n)
    this.core.trainStep(x, eps, n, klWeight, this.learningRate, this.losses)
    return this.readLosses()
  }

  async evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses> {
    this.checkBatch(x, eps, n)
    this.core.evaluate(x, eps, n, klWeight, this.losses)
    return this.readLosses()
  }

  /** The gradient of the batch mean loss in the canonical layout, without updating anything. */
  async gradients(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<WeightTensor[]> {
    this.checkBatch(x, eps, n)
    const grad = new Float32Array(this.core.paramCount)
    this.core.gradients(x, eps, n, klWeight, grad, this.losses)
    return unflattenWeights(this.spec, grad)
  }

  async getOptimizerState(): Promise<OptimizerState> {
    this.checkLive()
    const m = new Float32Array(this.core.paramCount)
    const v = new Float32Array(this.core.paramCount)
    const step = this.core.getAdam(m, v)
    return { step, m: unflattenWeights(this.spec, m), v: unflattenWeights(this.spec, v) }
  }

  async setOptimizerState(state: OptimizerState): Promise<void> {
    this.checkLive()
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer step must be a non-negative integer, got ${state.step}`)
    this.core.setAdam(state.step, flattenWeights(this.spec, state.m), flattenWeights(this.spec, state.v))
  }

  private checkBatch(x: Float32Array, eps: Float32Array, n: number): void {
    this.checkLive()
    const { steps, features, latentDim } = this.spec
    if (!Number.isInteger(n) || n < 1) throw new Error(`a batch needs a positive whole number of samples, got ${n}`)
    requireLength('x', x, n, n * steps * features)
    requireLength('eps', eps, n, n * latentDim)
  }

  private readLosses(): BatchLosses {
    return { loss: this.losses[0], recon: this.losses[1], kl: this.losses[2] }
  }
}

function requireLength(name: string, values: Float32Array, n: number, needed: number): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`the sample count must be a non-negative whole number, got ${n}`)
  if (values.length < needed) throw new Error(`${name} holds ${values.length} values but ${n} samples need ${needed}`)
}

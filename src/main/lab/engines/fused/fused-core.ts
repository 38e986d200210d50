/**
 * The flat-vector contract between the fused engine and the code that does its arithmetic: the
 * native addon (native-core.ts) or the plain-TypeScript fallback (js-core.ts). Both implement the
 * math documented in inference-engine.ts and training-engine.ts on weights, gradients and Adam
 * moments laid out as by flat-params.ts. Callers own every array: methods read inputs and write
 * results into the arrays they are given, so a training step allocates nothing.
 *
 * Array shapes are row-major: x [n, steps, features], eps, zMean, zLogVar and z [n, latentDim],
 * decoded means [n, steps, features] (probabilities for bernoulli, x̂ for gaussian); losses
 * receives [loss, recon, kl] (batch means).
 */
export interface FusedCore {
  /** What computes, for the run record: e.g. `native-avx2-2t` or `js`. */
  readonly backend: string
  readonly paramCount: number
  getParams(out: Float32Array): void
  setParams(values: Float32Array): void
  /** Copies Adam's moments into m and v; returns the step count. */
  getAdam(m: Float32Array, v: Float32Array): number
  setAdam(step: number, m: Float32Array, v: Float32Array): void
  /** One Adam step on the batch mean loss; losses are those before the update. */
  trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number, learningRate: number, losses: Float64Array): void
  /** The gradient of the batch mean loss (paramCount floats) without changing any state. */
  gradients(x: Float32Array, eps: Float32Array, n: number, klWeight: number, grad: Float32Array, losses: Float64Array): void
  evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number, losses: Float64Array): void
  encode(x: Float32Array, n: number, zMean: Float32Array, zLogVar: Float32Array): void
  decode(z: Float32Array, n: number, means: Float32Array): void
  dispose(): void
}

/** Adam as tfjs computes it (see training-engine.ts). */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const

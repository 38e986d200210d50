import type { ModelSpec } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'

/**
 * Batch means of the loss terms: loss = (1−λ)·recon + λ·kl, recon = BCE (bernoulli) or squared
 * error (gaussian) averaged over steps × features.
 */
export interface BatchLosses {
  loss: number
  recon: number
  kl: number
}

/** Adam's state in the canonical weight layout (m and v have the weights' names and shapes). */
export interface OptimizerState {
  step: number
  m: WeightTensor[]
  v: WeightTensor[]
}

export interface EngineOptions {
  spec: ModelSpec
  learningRate: number
  /** Starting weights in the canonical layout (see weight-layout.ts). */
  weights: WeightTensor[]
}

/**
 * The seam between the training loop and the math. The loop owns data order, noise and
 * bookkeeping; an engine owns weights, optimizer state and the forward/backward pass. Every
 * engine implements exactly the same model and loss, so they are interchangeable mid-run:
 *
 *   encoder RNN over x → h = h_T;  μ = h·Wμ + bμ;  logσ² = h·Wσ + bσ;  z = μ + exp(½·logσ²)·ε
 *     bidirectional: a second RNN with its own weights reads x reversed in time (x_T … x_1);
 *     h = [h_T^forward, h_T^backward] (2u wide, so Wμ and Wσ are [2u, d]); Keras
 *     Bidirectional(merge_mode='concat'). Weight names in weight-layout.ts.
 *   decoder RNN over RepeatVector(z) → h_t;  l_t = h_t·Wo + bo (linear)
 *   bernoulli: p = sigmoid(l) (what decode returns);
 *     recon_b = mean over steps × features of BCE(x, p), from logits: max(l,0) − l·x + log(1+e^−|l|)
 *   gaussian: x̂ = l (what decode returns); recon_b = mean over steps × features of (x − x̂)²:
 *     per value the negative log-likelihood of N(x̂, σ² = ½), a Gaussian of fixed variance, less
 *     its constant ½·log π; its gradient is ∂recon_b/∂x̂ = 2(x̂ − x)/(steps·features)
 *   kl_b = −½·Σ_d (1 + logσ² − μ² − exp(logσ²));   loss = mean_b((1−λ)·recon_b + λ·kl_b)
 *   Adam (tfjs formula): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *   w ← w − lr·(m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + 1e-7), β1 = 0.9, β2 = 0.999
 *
 * GRU (Keras reset_after=True, CuDNN): [z r h] = x·W + b_in, [rz rr rh] = h·U + b_rec,
 *   z = σ(xz + rz), r = σ(xr + rr), ĥ = tanh(xh + r ⊙ rh), h' = z ⊙ h + (1 − z) ⊙ ĥ
 * LSTM (Keras): [i f c o] = x·W + h·U + b, c' = σ(f) ⊙ c + σ(i) ⊙ tanh(c̃), h' = σ(o) ⊙ tanh(c')
 *
 * Arrays are row-major: x [n, steps, features], eps and z [n, latentDim].
 */
export interface TrainingEngine {
  /** Engine family recorded on the run, e.g. `tfjs` or `fused`. */
  readonly engine: string
  /** What computes inside it, e.g. `wasm`, `cpu`, `tensorflow`, `native-2t`. */
  readonly backend: string
  trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses>
  /** Loss terms without updating anything (validation), for one batch. */
  evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses>
  encode(x: Float32Array, n: number): Promise<{ zMean: Float32Array; zLogVar: Float32Array }>
  /** The likelihood's means [n, steps, features]: probabilities (bernoulli) or x̂ (gaussian). */
  decode(z: Float32Array, n: number): Promise<Float32Array>
  getWeights(): Promise<WeightTensor[]>
  setWeights(weights: WeightTensor[]): Promise<void>
  getOptimizerState(): Promise<OptimizerState>
  setOptimizerState(state: OptimizerState): Promise<void>
  dispose(): void
}

import type { OptimizerState } from '../model/checkpoint'
import type { WeightTensor } from '../model/weight-layout'
import type { InferenceEngine, InferenceOptions } from './inference-engine'

/**
 * Batch means of the loss terms: loss = (1−λ)·recon + λ·kl, recon = BCE (bernoulli) or squared
 * error (gaussian) averaged over steps × features.
 */
export interface BatchLosses {
  loss: number
  recon: number
  kl: number
}

export interface EngineOptions extends InferenceOptions {
  learningRate: number
}

/**
 * The seam between the training loop and the math. The loop owns data order, noise and
 * bookkeeping; an engine owns weights, optimizer state and the forward/backward pass of the model
 * documented in inference-engine.ts, with this loss and optimizer:
 *
 *   bernoulli: recon_b = mean over steps × features of BCE(x, p), from logits:
 *     max(l,0) − l·x + log(1+e^−|l|)
 *   gaussian: recon_b = mean over steps × features of (x − x̂)²: per value the negative
 *     log-likelihood of N(x̂, σ² = ½), a Gaussian of fixed variance, less its constant ½·log π;
 *     its gradient is ∂recon_b/∂x̂ = 2(x̂ − x)/(steps·features)
 *   kl_b = −½·Σ_d (1 + logσ² − μ² − exp(logσ²));   loss = mean_b((1−λ)·recon_b + λ·kl_b)
 *   Adam (tfjs formula): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *   w ← w − lr·(m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + 1e-7), β1 = 0.9, β2 = 0.999
 *
 * eps is row-major [n, latentDim].
 */
export interface TrainingEngine extends InferenceEngine {
  trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses>
  /** Loss terms without updating anything (validation), for one batch. */
  evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number): Promise<BatchLosses>
  getWeights(): Promise<WeightTensor[]>
  setWeights(weights: WeightTensor[]): Promise<void>
  getOptimizerState(): Promise<OptimizerState>
  setOptimizerState(state: OptimizerState): Promise<void>
}

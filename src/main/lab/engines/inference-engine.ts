import type { ModelSpec } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'

/**
 * What every engine computes, and all that analysis needs: a trained model's encoder and decoder.
 * Every engine implements exactly the same model, so they are interchangeable mid-run:
 *
 *   encoder RNN over x → h = h_T;  μ = h·Wμ + bμ;  logσ² = h·Wσ + bσ;  z = μ + exp(½·logσ²)·ε
 *     bidirectional: a second RNN with its own weights reads x reversed in time (x_T … x_1);
 *     h = [h_T^forward, h_T^backward] (2u wide, so Wμ and Wσ are [2u, d]); Keras
 *     Bidirectional(merge_mode='concat'). Weight names in weight-layout.ts.
 *   decoder RNN over RepeatVector(z) → h_t;  l_t = h_t·Wo + bo (linear)
 *   bernoulli: p = sigmoid(l) (what decode returns); gaussian: x̂ = l (what decode returns)
 *
 * GRU (Keras reset_after=True, CuDNN): [z r h] = x·W + b_in, [rz rr rh] = h·U + b_rec,
 *   z = σ(xz + rz), r = σ(xr + rr), ĥ = tanh(xh + r ⊙ rh), h' = z ⊙ h + (1 − z) ⊙ ĥ
 * LSTM (Keras): [i f c o] = x·W + h·U + b, c' = σ(f) ⊙ c + σ(i) ⊙ tanh(c̃), h' = σ(o) ⊙ tanh(c')
 *
 * The loss and the optimizer are the training engine's (training-engine.ts).
 * Arrays are row-major: x [n, steps, features], z [n, latentDim].
 */
export interface InferenceEngine {
  /** Engine family recorded on the run, e.g. `tfjs` or `fused`. */
  readonly engine: string
  /** What computes inside it, e.g. `wasm`, `cpu`, `tensorflow`, `native-2t`. */
  readonly backend: string
  encode(x: Float32Array, n: number): Promise<{ zMean: Float32Array; zLogVar: Float32Array }>
  /** The likelihood's means [n, steps, features]: probabilities (bernoulli) or x̂ (gaussian). */
  decode(z: Float32Array, n: number): Promise<Float32Array>
  dispose(): void
}

/** What any engine is built from: the model's shape and its weights. */
export interface InferenceOptions {
  spec: ModelSpec
  /** Weights in the canonical layout (see weight-layout.ts). */
  weights: WeightTensor[]
}

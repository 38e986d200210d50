import type { ModelSpec } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'

/*
 * A new model feature (a cell, a likelihood, an encoder option) is written in three engines, which
 * only the gradient tests keep in step. Checklist:
 *  1. The config field: src/shared/run-config.ts (with its CLI flag and form field).
 *  2. The model: model/model-spec.ts (ModelSpec, modelSpecFor); new tensors, by Keras name and shape,
 *     in model/weight-layout.ts — the one definition of the layout — and their start values in
 *     model/initial-weights.ts.
 *  3. The math, in words: this comment (model) or training-engine.ts (loss, optimizer).
 *  4. tfjs, the reference (autodiff gives its gradient): engines/tfjs/seq-vae-model.ts,
 *     recurrent-layers.ts, vae-loss.ts, and export-layers-model.ts if the export changes.
 *  5. Fused, TypeScript: engines/fused/flat-params.ts (FusedOffsets for new tensors), js-core.ts,
 *     js-recurrence.ts (forward and hand-derived backward), native-core.ts (what create() is told:
 *     dims, flags, offsetTable()).
 *  6. Fused, C++ (native/src): fused_model.h (FusedDims, FusedLayout, kLayoutEntries), layout.cc (the
 *     new tensors' sizes), addon.cc (create's arguments), model_impl.h, model_cells.h,
 *     model_output.h, model_buffers.h (forward, backward, workspace); `npm run build:native`.
 *  7. Tests: a spec with the feature in test/main/lab/engines/fused/fused-gradients.test.ts (both
 *     fused cores and both native builds against tfjs autodiff of reference-vae-loss.ts, which gets
 *     the feature too) and fused-vs-tfjs.test.ts (fused and tfjs train alike); the tfjs layers
 *     against test/main/lab/engines/tfjs/keras-reference.ts.
 */

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
  /**
   * The likelihood's means [n, steps, features]: probabilities (bernoulli) or x̂ (gaussian). Into
   * `out` when given (at least that long; the result is its first n·steps·features values): a
   * caller decoding many batches reuses one buffer rather than fault in fresh pages each time.
   */
  decode(z: Float32Array, n: number, out?: Float32Array): Promise<Float32Array>
  dispose(): void
}

/** What any engine is built from: the model's shape and its weights. */
export interface InferenceOptions {
  spec: ModelSpec
  /** Weights in the canonical layout (see weight-layout.ts). */
  weights: WeightTensor[]
}

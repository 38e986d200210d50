import { addColumnSums, gemm, gemmTransposedB, sigmoid } from './js-kernels'
import type { JsDims, Workspace } from './js-workspace'

/**
 * The recurrent layers of the TypeScript fused core: the GRU (Keras reset_after=True) and LSTM
 * cells over T steps, their backpropagation through time, and their weight gradients, as
 * inference-engine.ts writes them. Mirrors native/src/model_cells.h.
 */
export class JsRecurrence {
  constructor(
    private readonly dims: JsDims,
    private readonly gru: boolean,
    /** The flat weights and gradient that the methods' offsets point into (flat-params.ts). */
    private readonly params: Float32Array,
    private readonly grad: Float32Array,
  ) {}

  /**
   * The cell over T steps from a zero state; xg (input projections with the input bias) for step t
   * starts at t·xgStepStride. GRU reads its recurrent bias at recBias; q[t] keeps the recurrent
   * candidate term (GRU) or tanh(c) (LSTM) for the backward pass.
   */
  forward(w: Workspace, xg: Float32Array, xgStepStride: number, uOffset: number, recBias: number, hs: Float32Array,
    cs: Float32Array, act: Float32Array, q: Float32Array, R: number): void {
    const { T, H, G } = this.dims
    const p = this.params
    const RH = R * H
    const RG = R * G
    hs.fill(0, 0, RH)
    cs.fill(0, 0, RH)
    for (let t = 0; t < T; t++) {
      gemm(R, G, H, hs, t * RH, H, 1, p, uOffset, G, w.rg, 0, G, false)
      for (let b = 0; b < R; b++) {
        const xr = t * xgStepStride + b * G
        const rr = b * G
        const ar = t * RG + b * G
        const hp = t * RH + b * H
        const hr = hp + RH
        const qr = t * RH + b * H
        for (let j = 0; j < H; j++) {
          if (this.gru) {
            const z = sigmoid(xg[xr + j] + w.rg[rr + j] + p[recBias + j])
            const r = sigmoid(xg[xr + H + j] + w.rg[rr + H + j] + p[recBias + H + j])
            const rh = w.rg[rr + 2 * H + j] + p[recBias + 2 * H + j]
            const hh = Math.tanh(xg[xr + 2 * H + j] + r * rh)
            act[ar + j] = z
            act[ar + H + j] = r
            act[ar + 2 * H + j] = hh
            q[qr + j] = rh
            hs[hr + j] = hh + z * (hs[hp + j] - hh)
          } else {
            const i = sigmoid(xg[xr + j] + w.rg[rr + j])
            const f = sigmoid(xg[xr + H + j] + w.rg[rr + H + j])
            const g = Math.tanh(xg[xr + 2 * H + j] + w.rg[rr + 2 * H + j])
            const o = sigmoid(xg[xr + 3 * H + j] + w.rg[rr + 3 * H + j])
            const c = f * cs[hp + j] + i * g
            const tc = Math.tanh(c)
            act[ar + j] = i
            act[ar + H + j] = f
            act[ar + 2 * H + j] = g
            act[ar + 3 * H + j] = o
            cs[hr + j] = c
            q[qr + j] = tc
            hs[hr + j] = o * tc
          }
        }
      }
    }
  }


  /**
   * Backpropagation through time from w.dh (plus dExt[t] arriving at state t+1 when given) into
   * the pre-activation gradients dRG[t] (recurrent product) and, for GRU, dXG[t] (input
   * projection; they differ in the candidate block). h_0 is a constant zero: nothing flows to it.
   */
  backward(w: Workspace, dExt: Float32Array | null, hs: Float32Array, cs: Float32Array, act: Float32Array,
    q: Float32Array, uOffset: number, R: number): void {
    const { T, H, G } = this.dims
    const RH = R * H
    const RG = R * G
    const { dh, dc, dRG, dXG } = w
    dc.fill(0, 0, RH)
    for (let t = T - 1; t >= 0; t--) {
      if (dExt) for (let i = 0; i < RH; i++) dh[i] += dExt[t * RH + i]
      for (let b = 0; b < R; b++) {
        const ar = t * RG + b * G
        const qr = t * RH + b * H
        const hp = t * RH + b * H
        const bh = b * H
        for (let j = 0; j < H; j++) {
          const gh = dh[bh + j]
          if (this.gru) {
            const z = act[ar + j]
            const r = act[ar + H + j]
            const hh = act[ar + 2 * H + j]
            const dah = gh * (1 - z) * (1 - hh * hh)
            const daz = gh * (hs[hp + j] - hh) * z * (1 - z)
            const dar = dah * q[qr + j] * r * (1 - r)
            dRG[ar + j] = daz
            dRG[ar + H + j] = dar
            dRG[ar + 2 * H + j] = dah * r
            dXG[ar + j] = daz
            dXG[ar + H + j] = dar
            dXG[ar + 2 * H + j] = dah
            dh[bh + j] = gh * z
          } else {
            const i = act[ar + j]
            const f = act[ar + H + j]
            const g = act[ar + 2 * H + j]
            const o = act[ar + 3 * H + j]
            const tc = q[qr + j]
            const dcv = dc[bh + j] + gh * o * (1 - tc * tc)
            dRG[ar + j] = dcv * g * i * (1 - i)
            dRG[ar + H + j] = dcv * cs[hp + j] * f * (1 - f)
            dRG[ar + 2 * H + j] = dcv * i * (1 - g * g)
            dRG[ar + 3 * H + j] = gh * tc * o * (1 - o)
            dc[bh + j] = dcv * f
          }
        }
      }
      // δh_t = δa_t·Uᵀ (GRU adds it to the direct path z ⊙ δh_{t+1} already in dh).
      if (t > 0) gemmTransposedB(R, H, G, dRG, t * RG, G, this.params, uOffset, G, dh, 0, H, this.gru)
    }
  }

  /** dU += Σ_{t≥1} h_tᵀ·δa_t and the bias gradients of one recurrent layer. */
  weightGradients(w: Workspace, hs: Float32Array, uOffset: number, biasOffset: number, R: number): void {
    const { T, H, G } = this.dims
    const g = this.grad
    gemm(H, G, (T - 1) * R, hs, R * H, 1, H, w.dRG, R * G, G, g, uOffset, G)
    if (this.gru) {
      addColumnSums(w.dXG, T * R, G, g, biasOffset)
      addColumnSums(w.dRG, T * R, G, g, biasOffset + G)
    } else {
      addColumnSums(w.dRG, T * R, G, g, biasOffset)
    }
  }
}

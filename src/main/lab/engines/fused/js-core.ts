import { gateCount, type ModelSpec } from '../../model/model-spec'
import { fusedOffsets, type FusedOffsets } from './flat-params'
import { ADAM, type FusedCore } from './fused-core'
import { addColumnSums, fillRows, gemm, gemmTransposedB, sigmoid } from './js-kernels'
import { JsRecurrence } from './js-recurrence'
import { createWorkspace, type JsDims, type Workspace } from './js-workspace'

/** Rows processed at once; longer batches run in chunks whose gradients add up. */
const CHUNK_ROWS = 64

/**
 * The fused engine's arithmetic in plain TypeScript, on one thread: the fallback where the native
 * addon did not build, and an independent second implementation to check it against. The
 * structure mirrors native/src/model_impl.h (js-recurrence.ts mirrors model_cells.h, js-workspace.ts
 * model_buffers.h): sequences are stored time-major inside a chunk (row t·R + b is step t of sample
 * b), the input projections, the output layer and the weight gradients are single products over
 * all steps, and only h·U runs inside the step loop.
 * Activations are stored as float32; arithmetic is JavaScript's double. A bidirectional encoder
 * runs the same recurrence a second time on its own copy of the chunk, reversed in time.
 */
export class JsCore implements FusedCore {
  readonly backend = 'js'
  readonly paramCount: number
  private readonly params: Float32Array
  private readonly m: Float32Array
  private readonly v: Float32Array
  private readonly grad: Float32Array
  private step = 0
  private readonly o: FusedOffsets
  private readonly gru: boolean
  private readonly gaussian: boolean
  readonly dims: JsDims
  private readonly cells: JsRecurrence
  private w: Workspace | null = null

  constructor(spec: ModelSpec) {
    this.o = fusedOffsets(spec)
    this.paramCount = this.o.total
    this.params = new Float32Array(this.paramCount)
    this.m = new Float32Array(this.paramCount)
    this.v = new Float32Array(this.paramCount)
    this.grad = new Float32Array(this.paramCount)
    this.gru = spec.cell === 'gru'
    this.gaussian = spec.likelihood === 'gaussian'
    const H = spec.hiddenUnits
    this.dims = { T: spec.steps, F: spec.features, H, D: spec.latentDim, G: gateCount(spec.cell) * H, directions: spec.bidirectional ? 2 : 1 }
    this.cells = new JsRecurrence(this.dims, this.gru, this.params, this.grad)
  }

  getParams(out: Float32Array): void {
    out.set(this.params)
  }
  setParams(values: Float32Array): void {
    this.params.set(values.subarray(0, this.paramCount))
  }
  getAdam(m: Float32Array, v: Float32Array): number {
    m.set(this.m)
    v.set(this.v)
    return this.step
  }
  setAdam(step: number, m: Float32Array, v: Float32Array): void {
    this.step = step
    this.m.set(m.subarray(0, this.paramCount))
    this.v.set(v.subarray(0, this.paramCount))
  }

  trainStep(x: Float32Array, eps: Float32Array, n: number, klWeight: number, learningRate: number, losses: Float64Array): void {
    this.run(x, eps, n, klWeight, true, losses)
    this.step++
    const { beta1, beta2, epsilon } = ADAM
    const c1 = 1 - beta1 ** this.step
    const c2 = 1 - beta2 ** this.step
    const { params, m, v, grad } = this
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]
      m[i] = beta1 * m[i] + (1 - beta1) * g
      v[i] = beta2 * v[i] + (1 - beta2) * g * g
      params[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon)
    }
  }

  gradients(x: Float32Array, eps: Float32Array, n: number, klWeight: number, grad: Float32Array, losses: Float64Array): void {
    this.run(x, eps, n, klWeight, true, losses)
    grad.set(this.grad)
  }

  evaluate(x: Float32Array, eps: Float32Array, n: number, klWeight: number, losses: Float64Array): void {
    this.run(x, eps, n, klWeight, false, losses)
  }

  encode(x: Float32Array, n: number, zMean: Float32Array, zLogVar: Float32Array): void {
    const { D } = this.dims
    this.chunks(n, (row0, R, w) => {
      this.encoderForward(w, x, row0, R)
      this.latentForward(w, R)
      zMean.set(w.mu.subarray(0, R * D), row0 * D)
      zLogVar.set(w.logVar.subarray(0, R * D), row0 * D)
    })
  }

  decode(z: Float32Array, n: number, means: Float32Array): void {
    const { T, F, D } = this.dims
    this.chunks(n, (row0, R, w) => {
      this.decoderForward(w, z.subarray(row0 * D, (row0 + R) * D), R)
      for (let b = 0; b < R; b++)
        for (let t = 0; t < T; t++) {
          const src = (t * R + b) * F
          const dst = ((row0 + b) * T + t) * F
          if (this.gaussian) means.set(w.logits.subarray(src, src + F), dst)
          else for (let f = 0; f < F; f++) means[dst + f] = sigmoid(w.logits[src + f])
        }
    })
  }

  dispose(): void {
    this.w = null
  }

  private chunks(n: number, body: (row0: number, rows: number, w: Workspace) => void): void {
    for (let row0 = 0; row0 < n; row0 += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - row0)
      body(row0, rows, this.workspace(rows))
    }
  }

  private workspace(rows: number): Workspace {
    if (!this.w || this.w.capacity < rows) this.w = createWorkspace(this.dims, rows)
    return this.w
  }

  private run(x: Float32Array, eps: Float32Array, n: number, klWeight: number, withGradient: boolean, losses: Float64Array): void {
    const { D } = this.dims
    if (withGradient) this.grad.fill(0)
    let recon = 0
    let kl = 0
    this.chunks(n, (row0, R, w) => {
      const e = eps.subarray(row0 * D, (row0 + R) * D)
      this.encoderForward(w, x, row0, R)
      kl += this.latentForward(w, R, e)
      this.decoderForward(w, w.z, R)
      recon += this.outputLoss(w, R, withGradient, klWeight, n)
      if (withGradient) this.backward(w, e, R, klWeight, n)
    })
    const count = n > 0 ? n : 1
    losses[1] = recon / count
    losses[2] = kl / count
    losses[0] = (1 - klWeight) * losses[1] + klWeight * losses[2]
  }

  // ---- forward -----------------------------------------------------------------------------

  /** Each encoder direction over the chunk; the backward one reads step T−1−t as its step t. */
  private encoderForward(w: Workspace, x: Float32Array, row0: number, R: number): void {
    const { T, F, G } = this.dims
    const backward = w.enc[1]
    for (let b = 0; b < R; b++)
      for (let t = 0; t < T; t++) {
        const step = x.subarray(((row0 + b) * T + t) * F, ((row0 + b) * T + t + 1) * F)
        w.xs.set(step, (t * R + b) * F)
        backward?.xs.set(step, ((T - 1 - t) * R + b) * F)
      }
    this.o.enc.forEach((o, k) => {
      const d = w.enc[k]
      fillRows(d.xg, T * R, G, this.params, o.B)
      gemm(T * R, G, F, d.xs, 0, F, 1, this.params, o.W, G, d.xg, 0, G)
      this.cells.forward(w, d.xg, R * G, o.U, o.B + G, d.h, d.c, d.act, d.q, R)
    })
  }

  /** μ and log σ²; with eps also z and the KL sum over the chunk (returned). */
  private latentForward(w: Workspace, R: number, eps?: Float32Array): number {
    const { T, H, D } = this.dims
    const p = this.params
    const hT = T * R * H
    fillRows(w.mu, R, D, p, this.o.zmB)
    fillRows(w.logVar, R, D, p, this.o.zvB)
    // h = [h_T^forward, h_T^backward]: direction k meets rows [k·H, (k+1)·H) of the kernels.
    w.enc.forEach((d, k) => {
      gemm(R, D, H, d.h, hT, H, 1, p, this.o.zmW + k * H * D, D, w.mu, 0, D)
      gemm(R, D, H, d.h, hT, H, 1, p, this.o.zvW + k * H * D, D, w.logVar, 0, D)
    })
    if (!eps) return 0
    let kl = 0
    for (let i = 0; i < R * D; i++) {
      const mu = w.mu[i]
      const lv = w.logVar[i]
      w.z[i] = mu + Math.exp(0.5 * lv) * eps[i]
      kl += -0.5 * (1 + lv - mu * mu - Math.exp(lv))
    }
    return kl
  }

  private decoderForward(w: Workspace, z: Float32Array, R: number): void {
    const { T, F, H, G, D } = this.dims
    const p = this.params
    fillRows(w.decXG, R, G, p, this.o.dec.B)
    gemm(R, G, D, z, 0, D, 1, p, this.o.dec.W, G, w.decXG, 0, G)
    // RepeatVector(z): every step sees the same input projection (stride 0 between steps).
    this.cells.forward(w, w.decXG, 0, this.o.dec.U, this.o.dec.B + G, w.decH, w.decC, w.decAct, w.decQ, R)
    fillRows(w.logits, T * R, F, p, this.o.outB)
    gemm(T * R, F, H, w.decH, R * H, H, 1, p, this.o.outW, F, w.logits, 0, F)
  }
  /**
   * Σ over the chunk's rows of the per-sample mean BCE (bernoulli) or squared error (gaussian);
   * with withGradient also dLoss/dlogit.
   */
  private outputLoss(w: Workspace, R: number, withGradient: boolean, klWeight: number, n: number): number {
    const { T, F } = this.dims
    const scale = (1 - klWeight) / (n * T * F)
    let sum = 0
    if (this.gaussian) {
      for (let i = 0; i < T * R * F; i++) {
        const d = w.logits[i] - w.xs[i]
        sum += d * d
        if (withGradient) w.dLogits[i] = 2 * d * scale
      }
      return sum / (T * F)
    }
    for (let i = 0; i < T * R * F; i++) {
      const l = w.logits[i]
      const x = w.xs[i]
      const e = Math.exp(-Math.abs(l))
      sum += Math.max(l, 0) - l * x + Math.log1p(e)
      if (withGradient) w.dLogits[i] = ((l >= 0 ? 1 / (1 + e) : e / (1 + e)) - x) * scale
    }
    return sum / (T * F)
  }

  // ---- backward ----------------------------------------------------------------------------

  private backward(w: Workspace, eps: Float32Array, R: number, klWeight: number, n: number): void {
    const { T, F, H, G, D } = this.dims
    const p = this.params
    const g = this.grad
    const o = this.o
    const TR = T * R
    const RH = R * H

    // Output layer: dWo += Σ h_tᵀ·δ_t, dbo += Σ δ_t, δh_t = δ_t·Woᵀ.
    gemm(H, F, TR, w.decH, RH, 1, H, w.dLogits, 0, F, g, o.outW, F)
    addColumnSums(w.dLogits, TR, F, g, o.outB)
    gemmTransposedB(TR, H, F, w.dLogits, 0, F, p, o.outW, F, w.dDecH, 0, H, false)

    // Decoder: the gradient reaching its input is summed over steps (RepeatVector).
    w.dh.fill(0, 0, RH)
    this.cells.backward(w, w.dDecH, w.decH, w.decC, w.decAct, w.decQ, o.dec.U, R)
    this.cells.weightGradients(w, w.decH, o.dec.U, o.dec.B, R)
    const dXG = this.gru ? w.dXG : w.dRG
    w.dDecIn.fill(0, 0, R * G)
    for (let t = 0; t < T; t++) for (let i = 0; i < R * G; i++) w.dDecIn[i] += dXG[t * R * G + i]
    gemm(D, G, R, w.z, 0, 1, D, w.dDecIn, 0, G, g, o.dec.W, G)
    gemmTransposedB(R, D, G, w.dDecIn, 0, G, p, o.dec.W, G, w.dz, 0, D, false)

    // Latent: z = μ + e^{½lv}·ε and the KL term λ/n·KL.
    const klScale = klWeight / n
    for (let i = 0; i < R * D; i++) {
      const mu = w.mu[i]
      const lv = w.logVar[i]
      const dz = w.dz[i]
      w.dMu[i] = dz + klScale * mu
      w.dLogVar[i] = dz * eps[i] * 0.5 * Math.exp(0.5 * lv) + klScale * 0.5 * (Math.exp(lv) - 1)
    }
    const hT = T * RH
    w.enc.forEach((d, k) => {
      gemm(H, D, R, d.h, hT, 1, H, w.dMu, 0, D, g, o.zmW + k * H * D, D)
      gemm(H, D, R, d.h, hT, 1, H, w.dLogVar, 0, D, g, o.zvW + k * H * D, D)
    })
    addColumnSums(w.dMu, R, D, g, o.zmB)
    addColumnSums(w.dLogVar, R, D, g, o.zvB)

    // Encoder, one direction after the other: gradient enters only at each one's last state.
    w.enc.forEach((d, k) => {
      const oe = o.enc[k]
      gemmTransposedB(R, H, D, w.dMu, 0, D, p, o.zmW + k * H * D, D, w.dh, 0, H, false)
      gemmTransposedB(R, H, D, w.dLogVar, 0, D, p, o.zvW + k * H * D, D, w.dh, 0, H, true)
      this.cells.backward(w, null, d.h, d.c, d.act, d.q, oe.U, R)
      this.cells.weightGradients(w, d.h, oe.U, oe.B, R)
      gemm(F, G, TR, d.xs, 0, 1, F, dXG, 0, G, g, oe.W, G)
    })
  }
}

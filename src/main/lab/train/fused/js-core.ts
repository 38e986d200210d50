import { encoderPrefixes, gateCount, type ModelSpec } from '../../model/model-spec'
import { ADAM, type FusedCore } from './fused-core'
import { paramCountOf, paramOffsets } from './flat-params'

/** Rows processed at once; longer batches run in chunks whose gradients add up. */
const CHUNK_ROWS = 64

/**
 * The fused engine's arithmetic in plain TypeScript, on one thread: the fallback where the native
 * addon did not build, and an independent second implementation to check it against. The
 * structure mirrors native/src/model_impl.h: sequences are stored time-major inside a chunk (row
 * t·R + b is step t of sample b), the input projections, the output layer and the weight
 * gradients are single products over all steps, and only h·U runs inside the step loop.
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
  private readonly o: Offsets
  private readonly gru: boolean
  private readonly gaussian: boolean
  /** Steps, features, hidden units, latent size, gate columns (gates × hidden) and encoder directions. */
  readonly dims: { T: number; F: number; H: number; D: number; G: number; directions: number }
  private w: Workspace | null = null

  constructor(spec: ModelSpec) {
    this.paramCount = paramCountOf(spec)
    this.params = new Float32Array(this.paramCount)
    this.m = new Float32Array(this.paramCount)
    this.v = new Float32Array(this.paramCount)
    this.grad = new Float32Array(this.paramCount)
    this.gru = spec.cell === 'gru'
    this.gaussian = spec.likelihood === 'gaussian'
    const H = spec.hiddenUnits
    this.dims = { T: spec.steps, F: spec.features, H, D: spec.latentDim, G: gateCount(spec.cell) * H, directions: spec.bidirectional ? 2 : 1 }
    this.o = offsetsOf(spec)
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
      this.rnnForward(w, d.xg, R * G, o.U, o.B + G, d.h, d.c, d.act, d.q, R)
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
    fillRows(w.decXG, R, G, p, this.o.decB)
    gemm(R, G, D, z, 0, D, 1, p, this.o.decW, G, w.decXG, 0, G)
    // RepeatVector(z): every step sees the same input projection (stride 0 between steps).
    this.rnnForward(w, w.decXG, 0, this.o.decU, this.o.decB + G, w.decH, w.decC, w.decAct, w.decQ, R)
    fillRows(w.logits, T * R, F, p, this.o.outB)
    gemm(T * R, F, H, w.decH, R * H, H, 1, p, this.o.outW, F, w.logits, 0, F)
  }

  /**
   * The cell over T steps from a zero state; xg (input projections with the input bias) for step t
   * starts at t·xgStepStride. GRU reads its recurrent bias at recBias; q[t] keeps the recurrent
   * candidate term (GRU) or tanh(c) (LSTM) for the backward pass.
   */
  private rnnForward(w: Workspace, xg: Float32Array, xgStepStride: number, uOffset: number, recBias: number, hs: Float32Array,
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
    this.rnnBackward(w, w.dDecH, w.decH, w.decC, w.decAct, w.decQ, o.decU, R)
    this.recurrentWeightGradients(w, w.decH, o.decU, o.decB, R)
    const dXG = this.gru ? w.dXG : w.dRG
    w.dDecIn.fill(0, 0, R * G)
    for (let t = 0; t < T; t++) for (let i = 0; i < R * G; i++) w.dDecIn[i] += dXG[t * R * G + i]
    gemm(D, G, R, w.z, 0, 1, D, w.dDecIn, 0, G, g, o.decW, G)
    gemmTransposedB(R, D, G, w.dDecIn, 0, G, p, o.decW, G, w.dz, 0, D, false)

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
      this.rnnBackward(w, null, d.h, d.c, d.act, d.q, oe.U, R)
      this.recurrentWeightGradients(w, d.h, oe.U, oe.B, R)
      gemm(F, G, TR, d.xs, 0, 1, F, dXG, 0, G, g, oe.W, G)
    })
  }

  /**
   * Backpropagation through time from w.dh (plus dExt[t] arriving at state t+1 when given) into
   * the pre-activation gradients dRG[t] (recurrent product) and, for GRU, dXG[t] (input
   * projection; they differ in the candidate block). h_0 is a constant zero: nothing flows to it.
   */
  private rnnBackward(w: Workspace, dExt: Float32Array | null, hs: Float32Array, cs: Float32Array, act: Float32Array,
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
  private recurrentWeightGradients(w: Workspace, hs: Float32Array, uOffset: number, biasOffset: number, R: number): void {
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

/** Where one recurrent layer's kernel, recurrent kernel and bias start in the flat vector. */
interface RecurrentOffsets {
  W: number
  U: number
  B: number
}

interface Offsets {
  /** The encoder's directions: forward, then backward when bidirectional. */
  enc: RecurrentOffsets[]
  zmW: number
  zmB: number
  zvW: number
  zvB: number
  decW: number
  decU: number
  decB: number
  outW: number
  outB: number
}

function offsetsOf(spec: ModelSpec): Offsets {
  const at = paramOffsets(spec)
  const get = (name: string) => at.get(name) as number
  return {
    enc: encoderPrefixes(spec).map((prefix) => ({ W: get(`${prefix}/kernel`), U: get(`${prefix}/recurrent_kernel`), B: get(`${prefix}/bias`) })),
    zmW: get('z_mean/kernel'),
    zmB: get('z_mean/bias'),
    zvW: get('z_log_var/kernel'),
    zvB: get('z_log_var/bias'),
    decW: get('decoder_rnn/kernel'),
    decU: get('decoder_rnn/recurrent_kernel'),
    decB: get('decoder_rnn/bias'),
    outW: get('output_dense/kernel'),
    outB: get('output_dense/bias'),
  }
}

/** Activations and gradients for up to `capacity` rows (see native/src/model_impl.h). */
function createWorkspace({ T, F, H, D, G, directions }: JsCore['dims'], capacity: number) {
  const R = capacity
  const f = (size: number) => new Float32Array(size)
  // Per encoder direction: its time-major input, input projections, states and activations.
  const enc = Array.from({ length: directions }, () => ({
    xs: f(T * R * F),
    xg: f(T * R * G),
    h: f((T + 1) * R * H),
    c: f((T + 1) * R * H),
    act: f(T * R * G),
    q: f(T * R * H),
  }))
  return {
    capacity,
    enc,
    /** The chunk time-major, in reading order: the forward direction's input and the targets. */
    xs: enc[0].xs,
    rg: f(R * G),
    mu: f(R * D),
    logVar: f(R * D),
    z: f(R * D),
    decXG: f(R * G),
    decH: f((T + 1) * R * H),
    decC: f((T + 1) * R * H),
    decAct: f(T * R * G),
    decQ: f(T * R * H),
    logits: f(T * R * F),
    dLogits: f(T * R * F),
    dDecH: f(T * R * H),
    dh: f(R * H),
    dc: f(R * H),
    dRG: f(T * R * G),
    dXG: f(T * R * G),
    dDecIn: f(R * G),
    dz: f(R * D),
    dMu: f(R * D),
    dLogVar: f(R * D),
  }
}
type Workspace = ReturnType<typeof createWorkspace>

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** Each of `rows` rows of m (width cols) set to src[at .. at + cols). */
function fillRows(m: Float32Array, rows: number, cols: number, src: Float32Array, at: number): void {
  const bias = src.subarray(at, at + cols)
  for (let i = 0; i < rows; i++) m.set(bias, i * cols)
}

/** out[at + j] += Σ_i m[i·cols + j]. */
function addColumnSums(m: Float32Array, rows: number, cols: number, out: Float32Array, at: number): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[at + j] += m[i * cols + j]
}

/**
 * C[M,N] (+)= A·B with A(i, k) = A[a + i·ars + k·acs] (row-major A or, with ars = 1, a transposed
 * one) and B row-major at b with leading dimension ldb; accumulates unless accumulate is false.
 * Four rows of C at a time, so each B element loaded serves four multiply-adds (about twice the
 * speed of one row at a time in V8).
 */
function gemm(M: number, N: number, K: number, A: Float32Array, a: number, ars: number, acs: number, B: Float32Array, b: number,
  ldb: number, C: Float32Array, c: number, ldc: number, accumulate = true): void {
  if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, c + i * ldc, c + i * ldc + N)
  let i = 0
  for (; i + 4 <= M; i += 4) {
    const c0 = c + i * ldc
    const c1 = c0 + ldc
    const c2 = c1 + ldc
    const c3 = c2 + ldc
    for (let k = 0; k < K; k++) {
      const ak = a + i * ars + k * acs
      const a0 = A[ak]
      const a1 = A[ak + ars]
      const a2 = A[ak + 2 * ars]
      const a3 = A[ak + 3 * ars]
      const bk = b + k * ldb
      for (let j = 0; j < N; j++) {
        const bv = B[bk + j]
        C[c0 + j] += a0 * bv
        C[c1 + j] += a1 * bv
        C[c2 + j] += a2 * bv
        C[c3 + j] += a3 * bv
      }
    }
  }
  for (; i < M; i++) {
    const ci = c + i * ldc
    for (let k = 0; k < K; k++) {
      const aik = A[a + i * ars + k * acs]
      const bk = b + k * ldb
      for (let j = 0; j < N; j++) C[ci + j] += aik * B[bk + j]
    }
  }
}

/**
 * C[M,N] (+)= A·Wᵀ for row-major A [M,K] at a (lda) and W [N,K] at w (ldw): dot products along K,
 * four columns at a time so the four sums proceed independently.
 */
function gemmTransposedB(M: number, N: number, K: number, A: Float32Array, a: number, lda: number, W: Float32Array, w: number,
  ldw: number, C: Float32Array, c: number, ldc: number, accumulate: boolean): void {
  for (let i = 0; i < M; i++) {
    const ai = a + i * lda
    const ci = c + i * ldc
    let j = 0
    for (; j + 4 <= N; j += 4) {
      const w0 = w + j * ldw
      const w1 = w0 + ldw
      const w2 = w1 + ldw
      const w3 = w2 + ldw
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let k = 0; k < K; k++) {
        const av = A[ai + k]
        s0 += av * W[w0 + k]
        s1 += av * W[w1 + k]
        s2 += av * W[w2 + k]
        s3 += av * W[w3 + k]
      }
      C[ci + j] = accumulate ? C[ci + j] + s0 : s0
      C[ci + j + 1] = accumulate ? C[ci + j + 1] + s1 : s1
      C[ci + j + 2] = accumulate ? C[ci + j + 2] + s2 : s2
      C[ci + j + 3] = accumulate ? C[ci + j + 3] + s3 : s3
    }
    for (; j < N; j++) {
      const wj = w + j * ldw
      let s = 0
      for (let k = 0; k < K; k++) s += A[ai + k] * W[wj + k]
      C[ci + j] = accumulate ? C[ci + j] + s : s
    }
  }
}

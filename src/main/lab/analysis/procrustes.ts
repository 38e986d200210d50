/**
 * Orthogonal Procrustes: the orthogonal matrix R that best maps one set of codes onto another,
 * row by row (min ‖(X − x̄)·R − (Y − ȳ)‖_F). A VAE's latent axes are arbitrary up to rotation and
 * reflection, so two runs' codes compare only after such a fit. R = U·Vᵀ from the SVD
 * (X − x̄)ᵀ(Y − ȳ) = U·S·Vᵀ (Schönemann 1966), by a one-sided Jacobi SVD: d × d with d ≤ 64,
 * accurate to rounding, and well defined when units have collapsed (zero singular values).
 */

/** M = U·diag(s)·Vᵀ for a square n × n matrix (row-major); U and V orthogonal, s ≥ 0 (not sorted). */
export function squareSvd(matrix: ArrayLike<number>, n: number): { u: Float64Array; s: Float64Array; v: Float64Array } {
  if (matrix.length !== n * n) throw new Error(`squareSvd needs ${n * n} values for a ${n} × ${n} matrix, got ${matrix.length}`)
  // Hestenes: rotate pairs of columns of A = M (and of V = I alike) until all columns are
  // orthogonal; then A = M·V = U·diag(s) with s the column norms.
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  const MAX_SWEEPS = 60
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0
        let beta = 0
        let gamma = 0
        for (let k = 0; k < n; k++) {
          const x = a[k * n + p]
          const y = a[k * n + q]
          alpha += x * x
          beta += y * y
          gamma += x * y
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue
        rotated = true
        const zeta = (beta - alpha) / (2 * gamma)
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta))
        const c = 1 / Math.sqrt(1 + t * t)
        const s = c * t
        for (const m of [a, v]) {
          for (let k = 0; k < n; k++) {
            const x = m[k * n + p]
            const y = m[k * n + q]
            m[k * n + p] = c * x - s * y
            m[k * n + q] = s * x + c * y
          }
        }
      }
    }
    if (!rotated) break
  }
  const s = new Float64Array(n)
  for (let j = 0; j < n; j++) {
    let sum = 0
    for (let k = 0; k < n; k++) sum += a[k * n + j] ** 2
    s[j] = Math.sqrt(sum)
  }
  const largest = Math.max(0, ...s)
  const u = new Float64Array(n * n)
  const defined: number[] = []
  for (let j = 0; j < n; j++) {
    if (s[j] <= 1e-13 * largest || s[j] === 0) continue
    for (let k = 0; k < n; k++) u[k * n + j] = a[k * n + j] / s[j]
    defined.push(j)
  }
  completeOrthonormalColumns(u, n, defined)
  return { u, s, v }
}

/**
 * Fills the columns of u not in `defined` so that all n are orthonormal (Gram–Schmidt on the
 * standard basis): a zero singular value's left vector is any unit vector orthogonal to the rest.
 */
function completeOrthonormalColumns(u: Float64Array, n: number, defined: number[]): void {
  const done = [...defined]
  let candidate = 0
  for (let j = 0; j < n; j++) {
    if (defined.includes(j)) continue
    for (; candidate < n; candidate++) {
      const w = new Float64Array(n)
      w[candidate] = 1
      for (let pass = 0; pass < 2; pass++) {
        for (const c of done) {
          let dot = 0
          for (let k = 0; k < n; k++) dot += w[k] * u[k * n + c]
          for (let k = 0; k < n; k++) w[k] -= dot * u[k * n + c]
        }
      }
      const norm = Math.hypot(...w)
      if (norm < 1e-8) continue
      for (let k = 0; k < n; k++) u[k * n + j] = w[k] / norm
      done.push(j)
      candidate++
      break
    }
  }
}

/** A fitted map source → target: z ↦ (z − sourceMean)·rotation + targetMean, and how well it fits. */
export interface ProcrustesFit {
  dim: number
  /** Row-major [dim, dim], orthogonal. */
  rotation: Float64Array
  sourceMean: Float64Array
  targetMean: Float64Array
  /** Root mean squared row distance with the means matched, before and after the rotation. */
  rmsBefore: number
  rmsAfter: number
  /** rmsAfter / the target's root mean squared distance to its mean (0 when it has no spread). */
  relativeResidual: number
}

function centred(rows: ArrayLike<number>, count: number, dim: number): { values: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(dim)
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) mean[d] += rows[i * dim + d] / count
  const values = new Float64Array(count * dim)
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) values[i * dim + d] = rows[i * dim + d] - mean[d]
  return { values, mean }
}

/** Fits R on matched rows: `source[i]` and `target[i]` are the same sample's codes in two latent spaces. */
export function fitProcrustes(source: ArrayLike<number>, target: ArrayLike<number>, count: number, dim: number): ProcrustesFit {
  if (count < 1) throw new Error('a Procrustes fit needs at least one matched row')
  if (source.length !== count * dim || target.length !== count * dim) {
    throw new Error(`a Procrustes fit of ${count} × ${dim} rows got ${source.length} and ${target.length} values`)
  }
  const x = centred(source, count, dim)
  const y = centred(target, count, dim)
  const m = new Float64Array(dim * dim)
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < dim; r++) {
      const xr = x.values[i * dim + r]
      for (let c = 0; c < dim; c++) m[r * dim + c] += xr * y.values[i * dim + c]
    }
  }
  const { u, v } = squareSvd(m, dim)
  const rotation = new Float64Array(dim * dim)
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      let sum = 0
      for (let k = 0; k < dim; k++) sum += u[r * dim + k] * v[c * dim + k]
      rotation[r * dim + c] = sum
    }
  }
  const rmsAfter = rmsDistance(rotateRows(x.values, count, dim, rotation), y.values, count)
  const spread = rmsDistance(y.values, new Float64Array(count * dim), count)
  return {
    dim,
    rotation,
    sourceMean: x.mean,
    targetMean: y.mean,
    rmsBefore: rmsDistance(x.values, y.values, count),
    rmsAfter,
    relativeResidual: spread > 0 ? rmsAfter / spread : 0,
  }
}

/** √(mean over rows of the squared distance between a's and b's rows). */
function rmsDistance(a: Float64Array, b: Float64Array, count: number): number {
  let sum = 0
  for (let k = 0; k < a.length; k++) sum += (a[k] - b[k]) ** 2
  return Math.sqrt(sum / count)
}

/** rows·R for row-major [count, dim] rows. */
function rotateRows(rows: ArrayLike<number>, count: number, dim: number, rotation: Float64Array): Float64Array {
  const out = new Float64Array(count * dim)
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < dim; c++) {
      let sum = 0
      for (let k = 0; k < dim; k++) sum += rows[i * dim + k] * rotation[k * dim + c]
      out[i * dim + c] = sum
    }
  }
  return out
}

/** Source codes in the target's axes: (z − sourceMean)·R + targetMean, row by row. */
export function alignRows(fit: ProcrustesFit, rows: ArrayLike<number>, count: number): Float32Array {
  const { dim } = fit
  const shifted = Float64Array.from({ length: count * dim }, (_, k) => rows[k] - fit.sourceMean[k % dim])
  const rotated = rotateRows(shifted, count, dim, fit.rotation)
  return Float32Array.from(rotated, (value, k) => value + fit.targetMean[k % dim])
}

/** The inverse map, target axes → source: (a − targetMean)·Rᵀ + sourceMean (Rᵀ = R⁻¹ for an orthogonal R). */
export function unalignRows(fit: ProcrustesFit, rows: ArrayLike<number>, count: number): Float32Array {
  const { dim } = fit
  const transposed = new Float64Array(dim * dim)
  for (let r = 0; r < dim; r++) for (let c = 0; c < dim; c++) transposed[c * dim + r] = fit.rotation[r * dim + c]
  const shifted = Float64Array.from({ length: count * dim }, (_, k) => rows[k] - fit.targetMean[k % dim])
  const rotated = rotateRows(shifted, count, dim, transposed)
  return Float32Array.from(rotated, (value, k) => value + fit.sourceMean[k % dim])
}

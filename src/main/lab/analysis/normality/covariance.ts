/** Column means, covariance, Cholesky factor and whitening of a row-major [n, dim] float64 matrix. */

export function columnMeans(data: Float64Array, n: number, dim: number): Float64Array {
  const means = new Float64Array(dim)
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) means[j] += data[i * dim + j]
  for (let j = 0; j < dim; j++) means[j] /= n
  return means
}

/** Covariance [dim, dim] with the given divisor (n for the MLE the Mardia/HZ formulas use, n − 1 for the sample one). */
export function covariance(data: Float64Array, n: number, dim: number, divisor: number): Float64Array {
  const means = columnMeans(data, n, dim)
  const cov = new Float64Array(dim * dim)
  const centred = new Float64Array(dim)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) centred[j] = data[i * dim + j] - means[j]
    for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) cov[a * dim + b] += centred[a] * centred[b]
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      cov[a * dim + b] /= divisor
      cov[b * dim + a] = cov[a * dim + b]
    }
  }
  return cov
}

/** Lower-triangular L with LLᵀ = matrix, or null when the matrix is not (numerically) positive definite. */
export function cholesky(matrix: Float64Array, dim: number): Float64Array | null {
  const L = new Float64Array(dim * dim)
  let largestDiagonal = 0
  for (let j = 0; j < dim; j++) largestDiagonal = Math.max(largestDiagonal, matrix[j * dim + j])
  for (let j = 0; j < dim; j++) {
    let pivot = matrix[j * dim + j]
    for (let k = 0; k < j; k++) pivot -= L[j * dim + k] ** 2
    if (!(pivot > 1e-12 * largestDiagonal)) return null
    const diagonal = Math.sqrt(pivot)
    L[j * dim + j] = diagonal
    for (let i = j + 1; i < dim; i++) {
      let s = matrix[i * dim + j]
      for (let k = 0; k < j; k++) s -= L[i * dim + k] * L[j * dim + k]
      L[i * dim + j] = s / diagonal
    }
  }
  return L
}

/**
 * yᵢ = L⁻¹(xᵢ − x̄) with LLᵀ = S, S the covariance with divisor n, so that yᵢ·yⱼ is the
 * Mahalanobis product (xᵢ − x̄)ᵀ S⁻¹ (xⱼ − x̄) the multivariate tests are written in.
 * Null when S is singular.
 */
export function whiten(data: Float64Array, n: number, dim: number): Float64Array | null {
  const L = cholesky(covariance(data, n, dim, n), dim)
  if (!L) return null
  const means = columnMeans(data, n, dim)
  const out = new Float64Array(n * dim)
  for (let i = 0; i < n; i++) {
    const row = i * dim
    for (let a = 0; a < dim; a++) {
      let s = data[row + a] - means[a]
      for (let k = 0; k < a; k++) s -= L[a * dim + k] * out[row + k]
      out[row + a] = s / L[a * dim + a]
    }
  }
  return out
}

/** Largest |Pearson correlation| between two different columns (0 for one column or constant columns). */
export function maxAbsCorrelation(data: Float64Array, n: number, dim: number): number {
  const cov = covariance(data, n, dim, n)
  let largest = 0
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) {
      const denominator = Math.sqrt(cov[a * dim + a] * cov[b * dim + b])
      if (denominator > 0) largest = Math.max(largest, Math.abs(cov[a * dim + b] / denominator))
    }
  }
  return largest
}

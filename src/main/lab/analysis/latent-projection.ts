import type { PcaSummary } from '../../../shared/run-views'
import { columnMeans, covariance } from './normality/covariance'
import { symmetricEigen } from './symmetric-eigen'

/**
 * Principal components of row-major [n, dim] data, as numpy's SVD of the centred data gives them:
 * the covariance's (divisor n − 1) leading eigenvectors, eigenvalues as explained variance. An
 * eigenvector's sign is arbitrary, so each is flipped to make its largest |entry| positive (the
 * first such entry on a tie): the same codes always give the same picture.
 */
export function principalComponents(data: ArrayLike<number>, n: number, dim: number, keep: number): PcaSummary {
  if (n < 2) throw new Error(`a PCA needs at least 2 points, got ${n}`)
  if (!(keep >= 1 && keep <= dim)) throw new Error(`a PCA of ${dim} dimensions keeps 1 to ${dim} components, not ${keep}`)
  const x = Float64Array.from(data)
  const mean = columnMeans(x, n, dim)
  const { values, vectors } = symmetricEigen(covariance(x, n, dim, n - 1), dim)
  // Rounding can leave a zero eigenvalue slightly negative; a variance is not.
  const variances = Array.from(values, (v) => Math.max(0, v))
  const total = variances.reduce((s, v) => s + v, 0)
  const components: number[][] = []
  for (let c = 0; c < keep; c++) {
    const row = Array.from(vectors.subarray(c * dim, (c + 1) * dim))
    let largest = 0
    for (let k = 1; k < dim; k++) if (Math.abs(row[k]) > Math.abs(row[largest])) largest = k
    components.push(row[largest] < 0 ? row.map((v) => -v || 0) : row)
  }
  return {
    mean: Array.from(mean),
    components,
    explainedVariance: variances.slice(0, keep),
    explainedVarianceRatio: variances.slice(0, keep).map((v) => (total > 0 ? v / total : 0)),
  }
}

/** (xᵢ − mean)·Cᵀ for every row: coordinates along the kept components, row-major [n, keep]. */
export function projectOntoComponents(data: ArrayLike<number>, n: number, dim: number, pca: PcaSummary): Float32Array {
  const keep = pca.components.length
  const out = new Float32Array(n * keep)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < keep; c++) {
      const component = pca.components[c]
      let s = 0
      for (let k = 0; k < dim; k++) s += (data[i * dim + k] - pca.mean[k]) * component[k]
      out[i * keep + c] = s
    }
  }
  return out
}

/** The chosen columns of row-major [n, dim] data, row-major [n, columns.length]. */
export function selectColumns(data: ArrayLike<number>, n: number, dim: number, columns: readonly number[]): Float32Array {
  const out = new Float32Array(n * columns.length)
  for (let i = 0; i < n; i++) columns.forEach((c, j) => (out[i * columns.length + j] = data[i * dim + c]))
  return out
}

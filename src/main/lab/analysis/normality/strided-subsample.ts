/**
 * Deterministic subsampling for the tests whose cost or validity limits the sample size
 * (Shapiro–Wilk ≤ 5,000 values; the O(n²) pairwise statistics). Rows ⌊k·n/cap⌋, k = 0..cap−1, in
 * the order the codes were given: evenly spread over the evaluation set, identical on every call
 * and trivial to reproduce elsewhere (the SciPy reference script takes the same rows).
 */
export function stridedIndices(n: number, cap: number): Int32Array {
  const count = Math.min(n, cap)
  const indices = new Int32Array(count)
  for (let k = 0; k < count; k++) indices[k] = count === n ? k : Math.floor((k * n) / cap)
  return indices
}

/** The rows `indices` of a row-major [n, dim] matrix, as a new float64 matrix. */
export function takeRows(data: ArrayLike<number>, dim: number, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length * dim)
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * dim
    for (let j = 0; j < dim; j++) out[r * dim + j] = data[from + j]
  }
  return out
}

/** Column `column` of a row-major [n, dim] matrix, as float64. */
export function takeColumn(data: ArrayLike<number>, n: number, dim: number, column: number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = data[i * dim + column]
  return out
}

/**
 * Eigen-decomposition of a small real symmetric matrix by cyclic Jacobi rotations: slow for large
 * n (O(n³) per sweep) but simple and accurate to rounding, which is what a 64 × 64 covariance needs.
 * Returns eigenvalues in descending order and the matching unit eigenvectors as rows.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  if (matrix.length !== n * n) throw new Error(`symmetricEigen needs ${n * n} values for a ${n} × ${n} matrix, got ${matrix.length}`)
  const a = Float64Array.from(matrix)
  // v accumulates the rotations; column j ends as the eigenvector of a[j][j].
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1

  const MAX_SWEEPS = 100
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0
    let diag = 0
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] ** 2
      for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2
    }
    if (off <= 1e-30 * diag || off === 0) break
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (apq === 0) continue
        // Rotation angle that zeroes a[p][q] (Numerical Recipes §11.1, the stable tangent form).
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i])
  const values = Float64Array.from(order, (j) => a[j * n + j])
  const vectors = new Float64Array(n * n)
  order.forEach((j, row) => {
    for (let k = 0; k < n; k++) vectors[row * n + k] = v[k * n + j]
  })
  return { values, vectors }
}

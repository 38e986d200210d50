/**
 * The two O(n²) sums that both Henze–Zirkler and MMD-to-the-prior are made of, over row-major
 * points [n, dim]:
 *   centre = Σᵢ exp(centreScale·|xᵢ|²)      pairs = Σ_{i≠j} exp(pairScale·|xᵢ − xⱼ|²)  (each pair twice)
 */
export function gaussianKernelSums(
  points: Float64Array,
  n: number,
  dim: number,
  centreScale: number,
  pairScale: number,
): { centre: number; pairs: number } {
  let centre = 0
  let pairs = 0
  for (let i = 0; i < n; i++) {
    const rowI = i * dim
    let squaredNorm = 0
    for (let a = 0; a < dim; a++) squaredNorm += points[rowI + a] ** 2
    centre += Math.exp(centreScale * squaredNorm)
    let rowSum = 0
    for (let j = i + 1; j < n; j++) {
      const rowJ = j * dim
      let distance = 0
      for (let a = 0; a < dim; a++) {
        const diff = points[rowI + a] - points[rowJ + a]
        distance += diff * diff
      }
      rowSum += Math.exp(pairScale * distance)
    }
    pairs += 2 * rowSum
  }
  return { centre, pairs }
}

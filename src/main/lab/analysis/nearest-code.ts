/**
 * For each query point, the nearest of a set of codes (Euclidean), by brute force: 1,000 points
 * against 10,000 three-dimensional codes is 30 M multiply-adds, a few tens of milliseconds, and
 * exact; a spatial index would pay off only for far larger sets.
 */
export function nearestCodes(
  points: Float32Array,
  codes: Float32Array,
  dim: number,
): { position: Int32Array; distance: Float32Array } {
  const pointCount = points.length / dim
  const codeCount = codes.length / dim
  const position = new Int32Array(pointCount).fill(-1)
  const distance = new Float32Array(pointCount).fill(NaN)
  for (let i = 0; i < pointCount; i++) {
    let best = Infinity
    let bestAt = -1
    const p = i * dim
    for (let j = 0; j < codeCount; j++) {
      const c = j * dim
      let sq = 0
      for (let k = 0; k < dim && sq < best; k++) {
        const diff = points[p + k] - codes[c + k]
        sq += diff * diff
      }
      if (sq < best) {
        best = sq
        bestAt = j
      }
    }
    if (bestAt >= 0) {
      position[i] = bestAt
      distance[i] = Math.sqrt(best)
    }
  }
  return { position, distance }
}

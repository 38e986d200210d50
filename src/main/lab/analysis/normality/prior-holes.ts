/**
 * "Holes" in the latent space: regions the prior samples from but no code comes near, where the
 * decoder was never trained. A prior sample is in a hole when its nearest code is farther than
 * the typical nearest-neighbour distance among the codes themselves, "typical" being the 95th
 * percentile of the code-to-code nearest-neighbour distances (numpy's default linear-interpolation
 * percentile). If the codes were distributed like the prior, a prior sample would be just another
 * such point, so about 5 % would exceed it: `expectedFraction`.
 *
 * Exact nearest neighbours by an axis sweep (below). Its worst case, brute force, costs
 * (references + probes) × searched codes × dim; that is kept under HOLE_SEARCH_BUDGET by searching
 * a strided subsample of the codes when needed: all 10,000 codes up to dim 4, about 2,500 at dim 16,
 * 600 at dim 64. References and probes search the same subsample, so the threshold and the probe
 * distances stay comparable.
 * References are themselves a strided subsample (≤ 1,000) of the searched codes.
 */
import type { PriorHoles } from '../../../../shared/latent-diagnostics'
import { stridedIndices, takeRows } from './strided-subsample'

export const HOLE_THRESHOLD_QUANTILE = 0.95
export const DEFAULT_HOLE_REFERENCE_CODES = 1000
/** Coordinate differences the nearest-neighbour searches may cost (≈0.1–0.3 s). */
export const HOLE_SEARCH_BUDGET = 8e7

/**
 * Exact nearest-neighbour search by a sweep along one axis: the codes sorted by their
 * widest-spread coordinate, a query walks outwards from its own position on that axis and stops
 * on each side once the axis gap alone exceeds the best distance so far. In a few dimensions this
 * visits a few hundred of 10,000 codes; in many it degrades gracefully to brute force.
 */
class AxisSweepIndex {
  private readonly sorted: Float64Array
  private readonly keys: Float64Array
  private readonly original: Int32Array
  private readonly axis: number

  constructor(
    codes: Float64Array,
    private readonly n: number,
    private readonly dim: number,
  ) {
    let widest = -1
    this.axis = 0
    for (let a = 0; a < dim; a++) {
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < n; i++) {
        min = Math.min(min, codes[i * dim + a])
        max = Math.max(max, codes[i * dim + a])
      }
      if (max - min > widest) {
        widest = max - min
        this.axis = a
      }
    }
    this.original = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => codes[i * dim + this.axis] - codes[j * dim + this.axis])
    this.sorted = new Float64Array(n * dim)
    this.keys = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      const from = this.original[r] * dim
      for (let a = 0; a < dim; a++) this.sorted[r * dim + a] = codes[from + a]
      this.keys[r] = codes[from + this.axis]
    }
  }

  /** Squared distance from row `row` of `points` to the nearest code other than code number `skip`. */
  nearestSquaredDistance(points: Float64Array, row: number, skip: number): number {
    const { keys, original, n, dim } = this
    const p = row * dim
    const key = points[p + this.axis]
    let low = 0
    let high = n
    while (low < high) {
      const mid = (low + high) >>> 1
      if (keys[mid] < key) low = mid + 1
      else high = mid
    }
    let best = Infinity
    for (let r = low; r < n && (keys[r] - key) ** 2 < best; r++) {
      if (original[r] !== skip) best = Math.min(best, this.squaredDistanceBelow(points, p, r, best))
    }
    for (let r = low - 1; r >= 0 && (key - keys[r]) ** 2 < best; r--) {
      if (original[r] !== skip) best = Math.min(best, this.squaredDistanceBelow(points, p, r, best))
    }
    return best
  }

  /** |point − sorted code r|², abandoned (returning a value ≥ bound) once it reaches `bound`. */
  private squaredDistanceBelow(points: Float64Array, p: number, r: number, bound: number): number {
    const { sorted, dim } = this
    const c = r * dim
    let distance = 0
    for (let a = 0; a < dim && distance < bound; a++) {
      const diff = points[p + a] - sorted[c + a]
      distance += diff * diff
    }
    return distance
  }
}

/** numpy.percentile(values, 100·q) with the default linear interpolation; sorts `values` in place. */
export function quantile(values: Float64Array, q: number): number {
  values.sort()
  const position = q * (values.length - 1)
  const below = Math.floor(position)
  const above = Math.min(below + 1, values.length - 1)
  return values[below] + (position - below) * (values[above] - values[below])
}

/**
 * `codes`: [n, dim] (n ≥ 2); `probes`: [probeCount, dim] samples from N(0, I).
 * `referenceCodes`: how many codes (strided) measure the code-to-code distances.
 */
export function priorHoles(
  codes: ArrayLike<number>,
  n: number,
  dim: number,
  probes: ArrayLike<number>,
  probeCount: number,
  referenceCodes = DEFAULT_HOLE_REFERENCE_CODES,
): PriorHoles {
  const affordable = Math.floor(HOLE_SEARCH_BUDGET / ((Math.min(n, referenceCodes) + probeCount) * dim))
  const searched = takeRows(codes, dim, stridedIndices(n, Math.max(2, affordable)))
  const searchedCount = searched.length / dim
  const references = stridedIndices(searchedCount, referenceCodes)
  const index = new AxisSweepIndex(searched, searchedCount, dim)
  const neighbourDistances = Float64Array.from(references, (r) => Math.sqrt(index.nearestSquaredDistance(searched, r, r)))
  const threshold = quantile(neighbourDistances, HOLE_THRESHOLD_QUANTILE)
  const probeRows = Float64Array.from({ length: probeCount * dim }, (_, i) => probes[i])
  let holes = 0
  for (let p = 0; p < probeCount; p++) if (Math.sqrt(index.nearestSquaredDistance(probeRows, p, -1)) > threshold) holes++
  return {
    probes: probeCount,
    searchedCodes: searchedCount,
    referenceCodes: references.length,
    thresholdQuantile: HOLE_THRESHOLD_QUANTILE,
    threshold,
    holeFraction: holes / probeCount,
    expectedFraction: 1 - HOLE_THRESHOLD_QUANTILE,
  }
}

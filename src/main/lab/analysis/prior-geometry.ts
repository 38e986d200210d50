import { SeededRandom } from '../common/seeded-random'
import { chiSquareSf } from './normality/special-functions'

/**
 * Where latent points sit relative to the prior N(0, I) of a d-dimensional latent space: its
 * density, the χ² law of ‖z‖², the shells that hold a given share of it, and points placed at
 * chosen radii along chosen or random directions (the off-distribution probes).
 */

const LOG_2PI = Math.log(2 * Math.PI)

/** log N(z; 0, I) = −½(d·log 2π + ‖z‖²), from ‖z‖². */
export function priorLogDensity(squaredNorm: number, dim: number): number {
  return -0.5 * (dim * LOG_2PI + squaredNorm)
}

/** P(χ²_dim ≤ x): for x = ‖z‖², the share of the prior inside the sphere through z. */
export function chiSquareCdf(x: number, dim: number): number {
  return 1 - chiSquareSf(x, dim)
}

/**
 * The p-quantile of χ²(dim), as scipy.stats.chi2.ppf: bisection on the survival function, which is
 * monotone, to full double precision (60 halvings of a bracket found by doubling).
 */
export function chiSquareQuantile(p: number, dim: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`a χ² quantile needs 0 < p < 1, got ${p}`)
  if (!(dim > 0)) throw new Error(`χ² needs positive degrees of freedom, got ${dim}`)
  const tail = 1 - p
  let lo = 0
  let hi = Math.max(1, dim)
  while (chiSquareSf(hi, dim) > tail) {
    lo = hi
    hi *= 2
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi)
    if (chiSquareSf(mid, dim) > tail) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}

/** The shares of the prior the latent-space view draws shells for. */
export const SHELL_QUANTILES = [0.5, 0.9, 0.99] as const

/** Radii of the spheres holding each share `quantiles` of N(0, I_dim): √(χ²_dim quantile). */
export function priorShellRadii(dim: number, quantiles: readonly number[] = SHELL_QUANTILES): number[] {
  return quantiles.map((q) => Math.sqrt(chiSquareQuantile(q, dim)))
}

/** `count` unit vectors uniform on the sphere in `dim` dimensions (normalised N(0, I) draws), row-major. */
export function randomDirections(count: number, dim: number, seed: number): Float32Array {
  const random = new SeededRandom(seed)
  const out = new Float32Array(count * dim)
  const v = new Float64Array(dim)
  for (let i = 0; i < count; i++) {
    let norm = 0
    // A zero draw has no direction; it has probability zero but costs nothing to redraw.
    while (norm === 0) {
      norm = 0
      for (let k = 0; k < dim; k++) {
        v[k] = random.normal()
        norm += v[k] * v[k]
      }
      norm = Math.sqrt(norm)
    }
    for (let k = 0; k < dim; k++) out[i * dim + k] = v[k] / norm
  }
  return out
}

/** Each of `vectors` (row-major [count, dim]) scaled to unit length; null if one is zero or not finite. */
export function normaliseDirections(vectors: readonly (readonly number[])[], dim: number): Float32Array | null {
  const out = new Float32Array(vectors.length * dim)
  for (let i = 0; i < vectors.length; i++) {
    const norm = Math.hypot(...vectors[i])
    if (!(norm > 0 && Number.isFinite(norm))) return null
    for (let k = 0; k < dim; k++) out[i * dim + k] = vectors[i][k] / norm
  }
  return out
}

/** Points r·u for every direction u (rows) and radius r: point k = direction ⌊k / radii.length⌋, radius k mod radii.length. */
export function pointsAtRadii(directions: Float32Array, dim: number, radii: readonly number[]): Float32Array {
  const directionCount = directions.length / dim
  const out = new Float32Array(directionCount * radii.length * dim)
  for (let d = 0; d < directionCount; d++) {
    radii.forEach((r, j) => {
      const row = (d * radii.length + j) * dim
      for (let k = 0; k < dim; k++) out[row + k] = r * directions[d * dim + k]
    })
  }
  return out
}

/** ‖z‖, log N(z; 0, I) and the χ² CDF of ‖z‖² for each row of row-major [count, dim] points. */
export function priorPlacement(z: Float32Array, dim: number): { norm: Float32Array; logDensity: Float32Array; normQuantile: Float32Array } {
  const count = z.length / dim
  const norm = new Float32Array(count)
  const logDensity = new Float32Array(count)
  const normQuantile = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    let sq = 0
    for (let k = 0; k < dim; k++) sq += z[i * dim + k] ** 2
    norm[i] = Math.sqrt(sq)
    logDensity[i] = priorLogDensity(sq, dim)
    normQuantile[i] = chiSquareCdf(sq, dim)
  }
  return { norm, logDensity, normQuantile }
}

/**
 * Shapiro–Wilk test of normality as `scipy.stats.shapiro`: Royston's algorithm AS R94 (1995) —
 * approximate coefficients from normal order statistics, W, and Royston's normalizing transform
 * for the p-value. AS R94 is only calibrated up to n = 5,000, so larger samples are thinned to
 * 5,000 values by `stridedIndices` (rows ⌊k·n/5000⌋ in the given order) before the test.
 */
import type { ShapiroWilkResult } from '../../../../shared/latent-diagnostics'
import { normalSf } from './special-functions'
import { stridedIndices } from './strided-subsample'

export const SHAPIRO_WILK_MAX_N = 5000

// Royston's polynomial coefficients, lowest power first.
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056]
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4]
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322]
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915]
const C6 = [-0.4803, -0.082676, 0.0030302]
const G = [-2.273, 0.459]
/** The p-value AS R94 reports when W is beyond its small-n approximation's range. */
const SMALL_P = 1e-19

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]
  return value
}

/** AS 111 normal quantile (~1e-7), kept because the W coefficients are defined with it. */
function normalQuantileAs111(p: number): number {
  const q = p - 0.5
  if (Math.abs(q) <= 0.42) {
    const r = q * q
    return (
      (q * (((-25.44106049637 * r + 41.39119773534) * r - 18.61500062529) * r + 2.50662823884)) /
      ((((3.13082909833 * r - 21.06224101826) * r + 23.08336743743) * r - 8.4735109309) * r + 1)
    )
  }
  let r = q > 0 ? 1 - p : p
  if (!(r > 0)) return 0
  r = Math.sqrt(-Math.log(r))
  const value = (((2.32121276858 * r + 4.85014127135) * r - 2.29796479134) * r - 2.78718931138) / ((1.63706781897 * r + 3.54388924762) * r + 1)
  return q < 0 ? -value : value
}

/** The antisymmetric coefficient halves a[0..n/2) for sample size n (AS R94). */
function coefficients(n: number): Float64Array {
  const half = Math.floor(n / 2)
  const a = new Float64Array(half)
  if (n === 3) {
    a[0] = Math.SQRT1_2
    return a
  }
  let sumSquares = 0
  for (let i = 0; i < half; i++) {
    a[i] = normalQuantileAs111((i + 1 - 0.375) / (n + 0.25))
    sumSquares += a[i] * a[i]
  }
  sumSquares *= 2
  const norm = Math.sqrt(sumSquares)
  const rsn = 1 / Math.sqrt(n)
  const a1 = polynomial(C1, rsn) - a[0] / norm
  let first: number
  let factor: number
  if (n > 5) {
    first = 2
    const a2 = -a[1] / norm + polynomial(C2, rsn)
    factor = Math.sqrt((sumSquares - 2 * a[0] ** 2 - 2 * a[1] ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2))
    a[1] = a2
  } else {
    first = 1
    factor = Math.sqrt((sumSquares - 2 * a[0] ** 2) / (1 - 2 * a1 ** 2))
  }
  a[0] = a1
  for (let i = first; i < half; i++) a[i] *= -1 / factor
  return a
}

/** Needs n ≥ 3 and a non-zero range; thins n > 5,000 first (see the module comment). */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  const sample = values.length > SHAPIRO_WILK_MAX_N ? Float64Array.from(stridedIndices(values.length, SHAPIRO_WILK_MAX_N), (i) => values[i]) : Float64Array.from(values)
  const n = sample.length
  if (n < 3) throw new RangeError(`Shapiro–Wilk needs at least 3 values, got ${n}`)
  // Like SciPy, centre on the middle element of the unsorted sample: W is shift-invariant, the shift only helps rounding.
  const shift = sample[Math.floor(n / 2)]
  const x = sample.sort()
  for (let i = 0; i < n; i++) x[i] -= shift
  const a = coefficients(n)
  const range = x[n - 1] - x[0]
  if (!(range > 0)) throw new RangeError('Shapiro–Wilk needs values that are not all equal')
  // Coefficient of the i-th order statistic: −a[i] in the lower half, +a[n−1−i] in the upper, 0 in the middle.
  const coefficient = (i: number) => {
    const mirror = n - 1 - i
    return i === mirror ? 0 : i < mirror ? -a[i] : a[mirror]
  }
  let meanA = 0
  let meanX = 0
  for (let i = 0; i < n; i++) {
    meanA += coefficient(i)
    meanX += x[i] / range
  }
  meanA /= n
  meanX /= n
  let ssa = 0
  let ssx = 0
  let sax = 0
  for (let i = 0; i < n; i++) {
    const da = coefficient(i) - meanA
    const dx = x[i] / range - meanX
    ssa += da * da
    ssx += dx * dx
    sax += da * dx
  }
  const root = Math.sqrt(ssa * ssx)
  const w1 = ((root - sax) * (root + sax)) / (ssa * ssx)
  const w = 1 - w1
  return { statistic: w, pValue: pValue(n, w, w1), sampleSize: n }
}

/** Royston's approximation to P(W ≤ w) (exact for n = 3). */
function pValue(n: number, w: number, w1: number): number {
  if (n === 3) return w < 0.75 ? 0 : 1 - (6 / Math.PI) * Math.acos(Math.sqrt(w))
  let y = Math.log(w1)
  let mean: number
  let sd: number
  if (n <= 11) {
    const gamma = polynomial(G, n)
    if (y >= gamma) return SMALL_P
    y = -Math.log(gamma - y)
    mean = polynomial(C3, n)
    sd = Math.exp(polynomial(C4, n))
  } else {
    const logN = Math.log(n)
    mean = polynomial(C5, logN)
    sd = Math.exp(polynomial(C6, logN))
  }
  return normalSf((y - mean) / sd)
}

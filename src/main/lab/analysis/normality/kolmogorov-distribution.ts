/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n for finite n,
 * i.e. `scipy.stats.kstwo.sf(d, n)`, which `scipy.stats.kstest(x, 'norm')` uses for its p-value.
 *
 * Follows SciPy's `_ksstats._kolmogn`, which implements Simard & L'Ecuyer (2011), "Computing the
 * Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11): depending on n and n·d² it
 * uses the Ruben–Gambino closed forms, Durbin's matrix (Marsaglia–Tsang–Wang), the Pomeranz
 * recursion, the Pelz–Good asymptotic series, or twice the one-sided Smirnov tail. The one-sided
 * tail is the Birnbaum–Tingey sum evaluated term by term in log space (SciPy does the same sum in
 * double-double arithmetic; the terms are all positive, so plain float64 logs keep ~1e-12).
 */
import { logGamma } from './special-functions'

const SCALE_EXPONENT = 128
const BIG = 2 ** SCALE_EXPONENT
const SMALL = 2 ** -SCALE_EXPONENT
const PI_SQUARED = Math.PI ** 2
const PI_FOUR = Math.PI ** 4
const PI_SIX = Math.PI ** 6
const SQRT_2PI = Math.sqrt(2 * Math.PI)
const MIN_LOG = -708

const clip01 = (p: number) => Math.min(1, Math.max(0, p))

/** log(n!/nⁿ) by Stirling's series, with n·log n removed up front to avoid cancellation. */
function logFactorialOverPower(n: number): number {
  const stirling = [
    -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
  ]
  const rn = 1 / n
  let series = 0
  for (const c of stirling) series = series * (rn / n) + c
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * series
}

/** P(D⁺_n ≥ x), the one-sided Smirnov tail, by the Birnbaum–Tingey sum of positive terms. */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1
  if (x >= 1) return 0
  const last = Math.floor(n * (1 - x))
  const logX = Math.log(x)
  const logGammaN1 = logGamma(n + 1)
  let sum = 0
  for (let v = 0; v <= last; v++) {
    const rest = (n - v) / n - x
    if (rest <= 0) break
    const logTerm =
      logGammaN1 - logGamma(v + 1) - logGamma(n - v + 1) + logX + (v - 1) * Math.log(x + v / n) + (n - v) * Math.log(rest)
    sum += Math.exp(logTerm)
  }
  return clip01(sum)
}

/** Durbin's matrix algorithm as Marsaglia, Tsang & Wang (2003): P(D_n ≤ d), with power scaling. */
function cdfDurbinMatrix(n: number, d: number): number {
  if (d >= 1) return 1
  const nd = n * d
  if (nd <= 0.5) return 0
  const k = Math.ceil(nd)
  const h = k - nd
  const m = 2 * k - 1
  let H: Float64Array = new Float64Array(m * m)
  const v = new Float64Array(m)
  const w = new Float64Array(m)
  let factorial = 1
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial
    factorial /= j
    v[j - 1] = (1 - h ** j) * factorial
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * factorial
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]
  for (let r = 0; r < m; r++) H[r * m] = v[r]
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]

  let power: Float64Array = new Float64Array(m * m)
  for (let i = 0; i < m; i++) power[i * m + i] = 1
  let exponent = 0
  let hExponent = 0
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2) {
      power = multiply(power, H, m)
      exponent += hExponent
    }
    H = multiply(H, H, m)
    hExponent *= 2
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > BIG) {
      for (let i = 0; i < H.length; i++) H[i] /= BIG
      hExponent += SCALE_EXPONENT
    }
  }
  let p = power[(k - 1) * m + (k - 1)]
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n
    if (Math.abs(p) < SMALL) {
      p *= BIG
      exponent -= SCALE_EXPONENT
    }
  }
  return clip01(p * 2 ** exponent)
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]
      if (aik === 0) continue
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j]
    }
  }
  return out
}

/** The non-zero column range [j1, j2] of row i in Pomeranz's recursion. */
function pomeranzRange(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number
  let j2: number
  if (i === 0) {
    j1 = -ll - ceilF - 1
    j2 = ll + ceilF - 1
  } else {
    const half = Math.floor((i + 1) / 2)
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1
        j2 = n + ll + ceilF - 1
      } else {
        j1 = half - 1 - ll - roundF - 1
        j2 = half + ll - 1 + ceilF - 1
      }
    } else {
      j1 = half - 1 - ll - 1
      j2 = half + ll + roundF - 1
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)]
}

/** Pomeranz (1974) recursion: P(D_n ≤ x), rows convolved with near-Poisson weights, scaled. */
function cdfPomeranz(n: number, x: number): number {
  const t = n * x
  const ll = Math.floor(t)
  const f = t - ll
  const g = Math.min(f, 1 - f)
  const ceilF = f > 0 ? 1 : 0
  const roundF = f > 0.5 ? 1 : 0
  const powers = 2 * (ll + 1)
  const gPower = new Float64Array(powers)
  const twoGPower = new Float64Array(powers)
  const oneMinusTwoGPower = new Float64Array(powers)
  gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1
  for (let m = 1; m < powers; m++) {
    gPower[m] = (gPower[m - 1] * (g / n)) / m
    twoGPower[m] = (twoGPower[m - 1] * ((2 * g) / n)) / m
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1] * ((1 - 2 * g) / n)) / m
  }
  let v0 = new Float64Array(powers)
  let v1 = new Float64Array(powers)
  v1[0] = 1
  let v0Start = 0
  let v1Start = 0
  let exponent = 0
  let [j1] = pomeranzRange(0, n, ll, ceilF, roundF)
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1
    ;[v0, v1] = [v1, v0]
    ;[v0Start, v1Start] = [v1Start, v0Start]
    v1.fill(0)
    const [nextJ1, j2] = pomeranzRange(i, n, ll, ceilF, roundF)
    j1 = nextJ1
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 ? twoGPower : oneMinusTwoGPower
    const length = j2 - k1 + 1
    if (length > 0) {
      const from = k1 - v0Start
      // The two sequences convolved: v0[from .. from+length) and weights[0 .. length), cut at the arrays' ends.
      const aLength = Math.min(length, powers - from)
      const bLength = Math.min(length, powers)
      const convStart = j1 - k1
      const convLength = j2 - j1 + 1
      let max = 0
      for (let c = 0; c < convLength; c++) {
        const index = convStart + c
        let s = 0
        for (let a = Math.max(0, index - bLength + 1); a <= Math.min(index, aLength - 1); a++) {
          s += v0[from + a] * weights[index - a]
        }
        v1[c] = s
        if (s > max) max = s
      }
      if (max > 0 && max < SMALL) {
        for (let c = 0; c < convLength; c++) v1[c] *= BIG
        exponent -= SCALE_EXPONENT
      }
      v1Start = v0Start + j1 - k1
    }
  }
  let answer = v1[n - v1Start]
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > BIG) {
      answer *= SMALL
      exponent += SCALE_EXPONENT
    }
    answer *= m
  }
  return clip01(answer * 2 ** exponent)
}

/** Pelz & Good (1976) asymptotic series for P(D_n ≤ x), good for small x·√n. */
function cdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const z = Math.sqrt(n) * x
  const z2 = z * z
  const z3 = z2 * z
  const z4 = z2 * z2
  const z6 = z4 * z2
  const qLog = -PI_SQUARED / 8 / z2
  if (qLog < MIN_LOG) return 0
  let q = Math.exp(qLog)
  const k1a = -z2
  const k1b = PI_SQUARED / 4
  const k2a = 6 * z6 + 2 * z4
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4
  const k3a = -30 * z6 - 90 * z ** 8
  const K = [0, 0, 0, 0]
  const maxK = Math.ceil((16 * z) / Math.PI)
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1
    const m2 = m * m
    const m4 = m2 * m2
    const m6 = m4 * m2
    const qPower = q ** (8 * k)
    K[0] = K[0] * qPower + 1
    K[1] = K[1] * qPower + (k1a + k1b * m2)
    K[2] = K[2] * qPower + (k2a + k2b * m2 + k2c * m4)
    K[3] = K[3] * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10]
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / divisors[i]
  q = Math.exp(-PI_SQUARED / 2 / z2)
  const sqrt3z = Math.sqrt(3) * z
  let k2Extra = 0
  let k3Extra = 0
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k
    const qPower = q ** k2
    const kPi = Math.PI * k
    k2Extra += k2 * qPower
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower
  }
  K[2] += (k2Extra * PI_SQUARED * SQRT_2PI) / (-36 * z3)
  K[3] += (k3Extra * PI_SQUARED * SQRT_2PI) / (216 * z6)
  let sum = 0
  for (let i = 0; i < 4; i++) sum += K[i] / n ** (i / 2)
  return sum
}

/** P(D_n ≥ d) for the two-sided statistic (`scipy.stats.kstwo.sf(d, n)`). */
export function kolmogorovSmirnovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(d)) return NaN
  if (d >= 1) return 0
  if (d <= 0) return 1
  const t = n * d
  if (t <= 1) {
    if (t <= 0.5) return 1
    const cdf = n <= 140 ? productRubenGambino(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1))
    return clip01(1 - cdf)
  }
  if (t >= n - 1) return clip01(2 * (1 - d) ** n)
  if (d >= 0.5) return clip01(2 * smirnovSf(n, d))
  const nd2 = t * d
  if (n <= 140) {
    if (nd2 <= 0.754693) return clip01(1 - cdfDurbinMatrix(n, d))
    if (nd2 <= 4) return clip01(1 - cdfPomeranz(n, d))
    return clip01(2 * smirnovSf(n, d))
  }
  if (nd2 >= 370) return 0
  if (nd2 >= 2.2) return clip01(2 * smirnovSf(n, d))
  const cdf = n <= 100000 && n * d ** 1.5 <= 1.4 ? cdfDurbinMatrix(n, d) : cdfPelzGood(n, d)
  return clip01(1 - clip01(cdf))
}

/** ∏_{i=1..n} (i/n)(2t − 1) = n!/nⁿ·(2t − 1)ⁿ, the Ruben–Gambino CDF for 1/(2n) < d ≤ 1/n (direct product for n ≤ 140). */
function productRubenGambino(n: number, t: number): number {
  let product = 1
  for (let i = 1; i <= n; i++) product *= (i / n) * (2 * t - 1)
  return product
}

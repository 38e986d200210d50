/** Mean, variance and shape moments of one sample, in float64 (two passes: mean, then central moments). */
export interface SampleMoments {
  mean: number
  /** Divisor n − 1 (NaN for a single value). */
  variance: number
  /** g1 = m3 / m2^1.5 with population moments, as `scipy.stats.skew` (bias=True); 0 when m2 = 0. */
  skewness: number
  /** g2 = m4 / m2² − 3, as `scipy.stats.kurtosis` (fisher=True, bias=True); 0 when m2 = 0. */
  excessKurtosis: number
}

export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  const n = values.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i]
  const mean = sum / n
  let m2 = 0
  let m3 = 0
  let m4 = 0
  for (let i = 0; i < n; i++) {
    const c = values[i] - mean
    const c2 = c * c
    m2 += c2
    m3 += c2 * c
    m4 += c2 * c2
  }
  const variance = m2 / (n - 1)
  m2 /= n
  m3 /= n
  m4 /= n
  // A constant sample has no shape; SciPy answers NaN, we answer "no deviation from symmetry/tails".
  const flat = m2 <= (Number.EPSILON * 10 * mean) ** 2
  return {
    mean,
    variance,
    skewness: flat ? 0 : m3 / m2 ** 1.5,
    excessKurtosis: flat ? 0 : m4 / (m2 * m2) - 3,
  }
}

/** Robust standard deviations above the median where a per-timestamp score is flagged by default. */
export const DEFAULT_THRESHOLD_SIGMAS = 5

/**
 * The threshold a recording's per-timestamp score is flagged at when none is chosen: the median
 * plus 5 robust standard deviations (1.4826 × the median absolute deviation) of the scores of the
 * run's evaluation span. Anomalies are rare, so median and MAD describe the normal timestamps and
 * barely move with the anomalies. On the synthetic recordings of the detection benchmark this
 * flags every spike with no false span, and most level shifts (see README, anomaly timeline).
 */
export function defaultScoreThreshold(scores: ArrayLike<number>): number {
  const present = Float64Array.from(Array.prototype.filter.call(scores, (s: number) => !Number.isNaN(s)) as number[]).sort()
  if (present.length === 0) return Number.NaN
  const median = quantile(present, 0.5)
  const deviations = Float64Array.from(present, (s) => Math.abs(s - median)).sort()
  return median + DEFAULT_THRESHOLD_SIGMAS * 1.4826 * quantile(deviations, 0.5)
}

function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1)
  const below = Math.floor(at)
  return sorted[below] + (sorted[Math.min(below + 1, sorted.length - 1)] - sorted[below]) * (at - below)
}

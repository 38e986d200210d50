import type { TimeSpan } from '../../../shared/recordings'

/**
 * A recording's per-timestamp score from its windows' step scores: every window that covers a
 * timestamp scored it (its step there), and those scores are combined by their mean and by their
 * max. With window N and stride K a timestamp is in about N/K windows: the mean is steadier, the
 * max reacts to a single window that could not explain the timestamp. A pure function of the
 * scores and the windows, so it runs wherever the scores are computed.
 */
export function timestampScores(
  /** [windows, window] step scores. */
  stepScores: Float32Array,
  /** Each window's first timestamp (absolute index in the recording). */
  starts: Int32Array,
  window: number,
  /** The timestamps to score, [from, to). */
  span: TimeSpan,
): { mean: Float32Array; max: Float32Array } {
  const length = span.to - span.from
  const sum = new Float64Array(length)
  const count = new Uint16Array(length)
  const max = new Float32Array(length).fill(Number.NEGATIVE_INFINITY)
  for (let w = 0; w < starts.length; w++) {
    for (let s = 0; s < window; s++) {
      const t = starts[w] + s - span.from
      if (t < 0 || t >= length) continue
      const score = stepScores[w * window + s]
      sum[t] += score
      count[t]++
      if (score > max[t]) max[t] = score
    }
  }
  const mean = Float32Array.from(sum, (v, t) => (count[t] > 0 ? v / count[t] : Number.NaN))
  for (let t = 0; t < length; t++) if (count[t] === 0) max[t] = Number.NaN
  return { mean, max }
}

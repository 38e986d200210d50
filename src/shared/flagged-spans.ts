/** A run of consecutive timestamps whose score is at or above a threshold: [from, to) by index. */
export interface FlaggedSpan {
  from: number
  to: number
  /** The highest score in the span. */
  peak: number
}

/**
 * The flagged spans of a per-timestamp score: each maximal run of timestamps scoring ≥ threshold.
 * Timestamps without a score (NaN) are never flagged. Shared by the Anomalies tab (which shades
 * and lists them as the threshold moves) and `seqvae score` (its `flag` column).
 */
export function flaggedSpans(scores: ArrayLike<number>, threshold: number): FlaggedSpan[] {
  const spans: FlaggedSpan[] = []
  let open: FlaggedSpan | null = null
  for (let t = 0; t < scores.length; t++) {
    const s = scores[t]
    if (s >= threshold) {
      if (open) open.peak = Math.max(open.peak, s)
      else open = { from: t, to: t + 1, peak: s }
      open.to = t + 1
    } else if (open) {
      spans.push(open)
      open = null
    }
  }
  if (open) spans.push(open)
  return spans
}

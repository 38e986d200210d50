import { flaggedSpans } from '../../src/shared/flagged-spans'
import type { InjectedEvent } from './synthetic-recording'

/**
 * Event-level detection: an event is found when a flagged span overlaps it; a flagged span is right
 * when it overlaps some event. Scores and events are indexed from the same timestamp.
 */
export function eventDetection(scores: Float32Array, events: readonly InjectedEvent[], threshold: number) {
  const spans = flaggedSpans(scores, threshold)
  const flagged = spans.reduce((n, s) => n + s.to - s.from, 0)
  const overlaps = (s: { from: number; to: number }, e: InjectedEvent) => s.from < e.to && e.from < s.to
  const found = events.filter((e) => spans.some((s) => overlaps(s, e))).length
  const right = spans.filter((s) => events.some((e) => overlaps(s, e))).length
  return { recall: events.length ? found / events.length : 0, precision: spans.length ? right / spans.length : 1, spans: spans.length, flaggedFraction: flagged / scores.length }
}

/**
 * Flagging everything makes one span that overlaps every event: recall 1, precision 1. So only
 * thresholds that flag at most this share of the timestamps count (events here cover under 2 %).
 */
export const MAX_FLAGGED_FRACTION = 0.1

/** The best recall a threshold reaches with precision at least `minPrecision` (flagging at most MAX_FLAGGED_FRACTION), and that threshold. */
export function bestRecallAtPrecision(scores: Float32Array, events: readonly InjectedEvent[], minPrecision: number) {
  const sorted = Float32Array.from(scores.filter((s) => !Number.isNaN(s))).sort()
  let best = { recall: 0, precision: 1, threshold: Infinity, spans: 0, flaggedFraction: 0 }
  // Thresholds at 200 quantiles of the scores, top-heavy: anomalies live in the upper tail.
  for (let k = 1; k <= 200; k++) {
    const q = 1 - Math.pow(k / 200, 3)
    const threshold = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    const result = eventDetection(scores, events, threshold)
    if (result.flaggedFraction > MAX_FLAGGED_FRACTION) break
    if (result.precision >= minPrecision && result.recall > best.recall) best = { ...result, threshold }
  }
  return best
}

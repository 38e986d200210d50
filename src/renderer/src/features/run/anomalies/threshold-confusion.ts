import type { AnomalyCurves } from '../../../../../shared/anomaly-report'

/** What flagging every sample scored ≥ `threshold` does, against the labels. */
export interface Confusion {
  threshold: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  trueNegatives: number
  /** Of the flagged samples, the share that are anomalies (1 when nothing is flagged). */
  precision: number
  /** Of the anomalies, the share flagged. */
  recall: number
  flagged: number
}

/** The confusion counts at curve point k (the curves' arrays share k, thresholds descending). */
export function confusionAt(curves: AnomalyCurves, k: number): Confusion {
  const tp = curves.truePositives[k]
  const fp = curves.falsePositives[k]
  const flagged = tp + fp
  return {
    threshold: curves.thresholds[k],
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: curves.positives - tp,
    trueNegatives: curves.negatives - fp,
    precision: flagged === 0 ? 1 : tp / flagged,
    recall: curves.positives === 0 ? 0 : tp / curves.positives,
    flagged,
  }
}

/** The point with the best F1 (harmonic mean of precision and recall): where a threshold picker starts. */
export function bestF1Index(curves: AnomalyCurves): number {
  let best = 0
  let bestF1 = -1
  for (let k = 0; k < curves.thresholds.length; k++) {
    const { precision, recall } = confusionAt(curves, k)
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    if (f1 > bestF1) {
      bestF1 = f1
      best = k
    }
  }
  return best
}

/**
 * The point whose threshold a typed value lands on: the lowest threshold still ≥ the value, so
 * exactly the samples scoring at least that much are flagged; above every score, the first point.
 */
export function indexForThreshold(thresholds: ArrayLike<number>, value: number): number {
  // Thresholds are float32: a typed 0.7 must land on the stored 0.699999988.
  const limit = Math.fround(value)
  let k = 0
  while (k + 1 < thresholds.length && thresholds[k + 1] >= limit) k++
  return k
}

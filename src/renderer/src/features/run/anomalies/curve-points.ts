import type { AnomalyCurves } from '../../../../../shared/anomaly-report'

export type Point = [number, number]

/** The ROC curve as (false-positive rate, true-positive rate), from the origin (nothing flagged). */
export function rocPoints(curves: AnomalyCurves): Point[] {
  return [[0, 0], ...Array.from(curves.fpr, (x, i): Point => [x, curves.tpr[i]])]
}

/** The precision–recall curve as (recall, precision). */
export function precisionRecallPoints(curves: AnomalyCurves): Point[] {
  return Array.from(curves.recall, (x, i): Point => [x, curves.precision[i]])
}

/** Where threshold point k sits on each curve: the same k on both, so one picker moves both markers. */
export function markersAt(curves: AnomalyCurves, k: number): { roc: Point; pr: Point } {
  return { roc: [curves.fpr[k], curves.tpr[k]], pr: [curves.recall[k], curves.precision[k]] }
}

/** What a detector without skill draws in PR space: precision equal to the share of anomalies. */
export function anomalyShare(curves: AnomalyCurves): number {
  return curves.positives / (curves.positives + curves.negatives)
}

import { UserError } from '../../../shared/errors'

/**
 * ROC and precision–recall curves of an anomaly score against known anomalies. Point k flags every
 * sample whose score is ≥ thresholds[k] (thresholds descending, one per distinct score, so tied
 * scores enter together); a threshold picker indexes both curves with the same k.
 */
export interface DetectionCurves {
  positives: number
  negatives: number
  thresholds: Float64Array
  /** Samples flagged at each threshold that are anomalies / that are not. */
  truePositives: Int32Array
  falsePositives: Int32Array
  /** ROC points; the curve starts at (0, 0) before the first threshold. */
  fpr: Float64Array
  tpr: Float64Array
  /** Area under the ROC curve (trapezoids): P(score of an anomaly > score of a normal), ties ½. */
  rocAuc: number
  precision: Float64Array
  recall: Float64Array
  /** Area under the PR curve as average precision: Σ_k (recall_k − recall_k−1) · precision_k. */
  averagePrecision: number
}

export function detectionCurves(scores: ArrayLike<number>, isAnomaly: ArrayLike<boolean>): DetectionCurves {
  const n = scores.length
  if (isAnomaly.length !== n) throw new Error(`${n} scores but ${isAnomaly.length} labels`)
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) throw new UserError(`detection curves need numeric scores; sample ${i} has NaN`)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a])
  let positives = 0
  for (let i = 0; i < n; i++) if (isAnomaly[i]) positives++
  const negatives = n - positives
  if (positives === 0 || negatives === 0) {
    throw new UserError(`detection curves need anomalous and normal samples; these ${n} are all ${positives ? 'anomalous' : 'normal'}`)
  }

  const thresholds: number[] = []
  const tp: number[] = []
  const fp: number[] = []
  let t = 0
  let f = 0
  for (let k = 0; k < n; k++) {
    const i = order[k]
    if (isAnomaly[i]) t++
    else f++
    // Close a point only after the last sample of a group of equal scores.
    if (k === n - 1 || scores[order[k + 1]] !== scores[i]) {
      thresholds.push(scores[i])
      tp.push(t)
      fp.push(f)
    }
  }
  const m = thresholds.length
  const fpr = new Float64Array(m)
  const tpr = new Float64Array(m)
  const precision = new Float64Array(m)
  const recall = new Float64Array(m)
  let rocAuc = 0
  let averagePrecision = 0
  for (let k = 0; k < m; k++) {
    fpr[k] = fp[k] / negatives
    tpr[k] = tp[k] / positives
    precision[k] = tp[k] / (tp[k] + fp[k])
    recall[k] = tpr[k]
    const [fprBefore, tprBefore] = k === 0 ? [0, 0] : [fpr[k - 1], tpr[k - 1]]
    rocAuc += ((fpr[k] - fprBefore) * (tpr[k] + tprBefore)) / 2
    averagePrecision += (recall[k] - (k === 0 ? 0 : recall[k - 1])) * precision[k]
  }
  return {
    positives,
    negatives,
    thresholds: Float64Array.from(thresholds),
    truePositives: Int32Array.from(tp),
    falsePositives: Int32Array.from(fp),
    fpr,
    tpr,
    rocAuc,
    precision,
    recall,
    averagePrecision,
  }
}

/**
 * Which labels mark anomalies. With `positiveClass` named, that class; otherwise a dataset with
 * exactly two classes has its rarer one as the anomalies (anomalies are rare by definition; on a
 * tie the second class). More classes and no name: null, there is no anomaly question to answer.
 */
export function anomalyFlags(labels: Int32Array, classNames: readonly string[], positiveClass?: string): boolean[] | null {
  let positive: number
  if (positiveClass !== undefined) {
    positive = classNames.indexOf(positiveClass)
    if (positive < 0) throw new UserError(`there is no class "${positiveClass}"; the classes are ${classNames.join(', ')}`)
  } else {
    if (classNames.length !== 2) return null
    let second = 0
    for (const l of labels) if (l === 1) second++
    positive = second <= labels.length - second ? 1 : 0
  }
  return Array.from(labels, (l) => l === positive)
}

/** Scores split into equal-width bins, counted separately for normal, anomalous and unlabelled samples. */
export interface ScoreHistogram {
  /** bins + 1 edges, ascending. */
  edges: number[]
  normal: number[]
  anomalous: number[]
  unlabelled: number[]
}

/**
 * Bins the finite scores over their range. A sample is anomalous when its label is one of
 * `anomalyClasses`, unlabelled when its label is −1, normal otherwise.
 */
export function scoreHistogram(scores: ArrayLike<number>, labels: ArrayLike<number>, anomalyClasses: readonly number[], bins = 40): ScoreHistogram {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min > max) return { edges: [0, 1], normal: [0], anomalous: [0], unlabelled: [0] }
  const width = max > min ? (max - min) / bins : 1
  const count = max > min ? bins : 1
  const edges = Array.from({ length: count + 1 }, (_, i) => min + i * width)
  const normal = new Array<number>(count).fill(0)
  const anomalous = new Array<number>(count).fill(0)
  const unlabelled = new Array<number>(count).fill(0)
  const anomalousSet = new Set(anomalyClasses)
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]
    if (!Number.isFinite(v)) continue
    const bin = Math.min(count - 1, Math.floor((v - min) / width))
    const label = labels[i]
    if (label < 0) unlabelled[bin]++
    else if (anomalousSet.has(label)) anomalous[bin]++
    else normal[bin]++
  }
  return { edges, normal, anomalous, unlabelled }
}

/** Positions (into the report's arrays) of the `n` highest scores, highest first; ties keep report order. */
export function topScoring(scores: ArrayLike<number>, n: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i)
  const key = (i: number) => (Number.isNaN(scores[i]) ? -Infinity : scores[i])
  order.sort((a, b) => key(b) - key(a) || a - b)
  return order.slice(0, n)
}

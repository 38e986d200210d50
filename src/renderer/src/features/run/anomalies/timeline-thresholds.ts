/** Candidate thresholds a slider offers for an unlabelled recording. */
const STEPS = 400

/**
 * Thresholds for a recording without labels (nothing to draw curves from): the scores at evenly
 * spaced quantiles of the upper half, where anomalies live, plus the run's default, descending
 * like the curves' thresholds so the same slider convention holds (k = 0 is the highest).
 */
export function unlabelledThresholds(scores: Float32Array, defaultThreshold: number): Float32Array {
  const sorted = Float32Array.from(scores.filter((s) => !Number.isNaN(s))).sort()
  const picked = new Set<number>([defaultThreshold])
  for (let k = 0; k <= STEPS; k++) picked.add(sorted[Math.min(sorted.length - 1, Math.floor(((0.5 + (0.5 * k) / STEPS) * (sorted.length - 1))))])
  return Float32Array.from([...picked].filter(Number.isFinite).sort((a, b) => b - a))
}

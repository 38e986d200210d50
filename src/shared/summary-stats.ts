/** Summaries of a handful of numbers (a group of replicates): NaNs are left out, an empty list gives NaN. */

const finite = (values: readonly number[]) => values.filter((v) => !Number.isNaN(v))

export function mean(values: readonly number[]): number {
  const kept = finite(values)
  return kept.length === 0 ? Number.NaN : kept.reduce((a, b) => a + b, 0) / kept.length
}

/** The sample standard deviation (n − 1); 0 for a single value. */
export function standardDeviation(values: readonly number[]): number {
  const kept = finite(values)
  if (kept.length === 0) return Number.NaN
  if (kept.length === 1) return 0
  const m = mean(kept)
  return Math.sqrt(kept.reduce((sum, v) => sum + (v - m) ** 2, 0) / (kept.length - 1))
}

export function median(values: readonly number[]): number {
  const kept = [...finite(values)].sort((a, b) => a - b)
  if (kept.length === 0) return Number.NaN
  const mid = kept.length >> 1
  return kept.length % 2 === 1 ? kept[mid] : (kept[mid - 1] + kept[mid]) / 2
}

export function range(values: readonly number[]): { min: number; max: number } {
  const kept = finite(values)
  return kept.length === 0 ? { min: Number.NaN, max: Number.NaN } : { min: Math.min(...kept), max: Math.max(...kept) }
}

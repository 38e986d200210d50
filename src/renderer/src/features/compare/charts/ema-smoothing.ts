/**
 * Exponential moving average with bias correction, as TensorBoard has done since 2019: the plain EMA
 * starts at 0 (or at the first value) and drags the early curve; dividing by 1 − w^k removes that,
 * so the smoothed curve starts on the data and never invents a trend. Weight 0 returns the values
 * unchanged; NaN and ±Infinity points pass through without polluting the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), not ${weight}`)
  const smoothed: number[] = []
  let accumulated = 0
  let steps = 0
  for (const value of values) {
    if (!Number.isFinite(value)) {
      smoothed.push(value)
      continue
    }
    accumulated = accumulated * weight + (1 - weight) * value
    steps++
    smoothed.push(weight === 0 ? value : accumulated / (1 - weight ** steps))
  }
  return smoothed
}

import type { ParsedSeries } from './parsed-series'

/**
 * Series of unequal length are resampled, not padded: every series is linearly interpolated onto
 * `steps` evenly spaced points from its first to its last time. The models have no mask, so
 * padding would make them learn the padding; resampling keeps each series' shape and every step
 * meaningful. The price: a series' duration is lost (its original length is kept as provenance),
 * and sharp events in a series shorter than `steps` are smoothed by the interpolation. A series
 * already `steps` long with even spacing comes back unchanged.
 */
export function resampleSeries(series: ParsedSeries, features: number, steps: number, out: Float32Array): void {
  const { values, length, times } = series
  if (length === steps && times === null) {
    out.set(values)
    return
  }
  const time = (i: number) => (times ? times[i] : i)
  const start = time(0)
  const span = time(length - 1) - start
  let j = 0 // the source interval [j, j+1] holding the current target time
  for (let s = 0; s < steps; s++) {
    if (length === 1) {
      out.set(values.subarray(0, features), s * features)
      continue
    }
    const t = start + (steps === 1 ? 0 : (span * s) / (steps - 1))
    while (j < length - 2 && time(j + 1) < t) j++
    const w = Math.min(1, Math.max(0, (t - time(j)) / (time(j + 1) - time(j))))
    for (let f = 0; f < features; f++) {
      out[s * features + f] = (1 - w) * values[j * features + f] + w * values[(j + 1) * features + f]
    }
  }
}

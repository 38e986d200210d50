import type { DimensionPlot } from '../../../../shared/latent-diagnostics'
import { normalCdf } from './special-functions'

/** N(0,1) quantile by bisection on the CDF: exact to double precision, and only used for a few hundred points. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  let lo = -40
  let hi = 40
  for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
    const mid = (lo + hi) / 2
    if (normalCdf(mid) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * Per-dimension histogram and Q-Q points of row-major codes [count, dim]. The histogram spans at
 * least ±4 so a code squeezed near 0 looks squeezed next to the N(0,1) density; Q-Q points use
 * the Hazen plotting positions (i − ½)/n.
 */
export function distributionPlots(codes: ArrayLike<number>, count: number, dim: number, qqPoints = 200, bins = 48): DimensionPlot[] {
  return Array.from({ length: dim }, (_, d) => {
    const values = new Float64Array(count)
    for (let i = 0; i < count; i++) values[i] = codes[i * dim + d]
    values.sort()
    const lo = Math.min(-4, values[0] ?? 0)
    const hi = Math.max(4, values[count - 1] ?? 0)
    const width = (hi - lo) / bins
    const counts = new Array<number>(bins).fill(0)
    for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++
    const points = Math.min(qqPoints, count)
    const theoretical: number[] = []
    const sample: number[] = []
    for (let k = 0; k < points; k++) {
      const p = (k + 0.5) / points
      theoretical.push(normalQuantile(p))
      sample.push(values[Math.min(count - 1, Math.floor(p * count))])
    }
    return { dim: d, histogram: { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts }, qq: { theoretical, sample } }
  })
}

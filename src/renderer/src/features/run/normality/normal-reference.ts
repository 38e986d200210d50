/** What N(0, 1) would look like in the Normality tab's plots, for drawing it over the codes. */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

export function standardNormalDensity(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x)
}

/**
 * The N(0, 1) density scaled to a histogram of counts: n · binWidth · φ(x) is the count a bin of
 * that width at x would expect, so the curve and the bars share the y axis. Sampled at `points`
 * evenly spaced x over the histogram's range. Bins are assumed equal in width (as the core makes them).
 */
export function expectedCountCurve(edges: readonly number[], counts: readonly number[], points = 121): [number, number][] {
  if (edges.length < 2) return []
  const n = counts.reduce((s, c) => s + c, 0)
  const lo = edges[0]
  const hi = edges[edges.length - 1]
  const width = (hi - lo) / (edges.length - 1)
  return Array.from({ length: points }, (_, i) => {
    const x = lo + ((hi - lo) * i) / (points - 1)
    return [x, n * width * standardNormalDensity(x)]
  })
}

/** The histogram as [bin centre, count] pairs, for bars on a value axis. */
export function binCentres(edges: readonly number[], counts: readonly number[]): [number, number][] {
  return counts.map((c, i) => [(edges[i] + edges[i + 1]) / 2, c])
}

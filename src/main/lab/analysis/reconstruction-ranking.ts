import type { ReconOrder } from '../../../shared/run-views'

/**
 * Orders the evaluation set by a stored per-sample error. Returns positions into the stored arrays
 * (not test-set indices): `worst` from the largest error down, `best` from the smallest up. Equal
 * errors keep their stored order (the test-set order), so pages never shuffle between calls; a
 * non-finite error (a failed decode) sorts last either way.
 */
export function rankByError(errors: Float32Array, order: ReconOrder, keep?: (position: number) => boolean): Int32Array {
  const positions: number[] = []
  for (let i = 0; i < errors.length; i++) if (!keep || keep(i)) positions.push(i)
  const sign = order === 'worst' ? -1 : 1
  positions.sort((a, b) => {
    const ea = errors[a]
    const eb = errors[b]
    const fa = Number.isFinite(ea)
    const fb = Number.isFinite(eb)
    if (fa !== fb) return fa ? -1 : 1
    if (fa && ea !== eb) return sign * (ea - eb)
    return a - b
  })
  return Int32Array.from(positions)
}

export interface Histogram {
  edges: Float64Array
  counts: Int32Array
}

/**
 * Equal-width bins from the smallest to the largest finite value. The last bin is closed, as
 * numpy.histogram's, so the maximum is counted; a constant input gets one unit-wide range around it.
 */
export function histogramEdges(values: Float32Array, bins: number): Float64Array {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (lo > hi) [lo, hi] = [0, 1]
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5]
  return Float64Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins))
}

/** The bin of `value` among `edges` (clamped to the outer bins); −1 for a non-finite value. */
export function binOf(edges: Float64Array, value: number): number {
  if (!Number.isFinite(value)) return -1
  const bins = edges.length - 1
  const i = Math.floor(((value - edges[0]) / (edges[bins] - edges[0])) * bins)
  // The division can land one bin off at an edge; step to the bin whose half-open range holds it.
  let bin = Math.min(bins - 1, Math.max(0, i))
  while (bin > 0 && value < edges[bin]) bin--
  while (bin < bins - 1 && value >= edges[bin + 1]) bin++
  return bin
}

/** Counts the values at `positions` (all when absent) into the bins of `edges`; non-finite values are left out. */
export function histogramCounts(values: Float32Array, edges: Float64Array, positions?: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(edges.length - 1)
  const n = positions ? positions.length : values.length
  for (let k = 0; k < n; k++) {
    const bin = binOf(edges, values[positions ? positions[k] : k])
    if (bin >= 0) counts[bin]++
  }
  return counts
}

import type { DecodedPoints } from '../../../../../shared/run-views'
import { formatNumber, formatPercent, formatSigned } from '../../../lib/format/number-format'

/**
 * Where decoded point k sits, in words: its coordinates, norm, prior log-density, the share of the
 * prior inside its radius, and its nearest encoded test code.
 */
export function describePoint(points: DecodedPoints, k: number): string {
  const z = Array.from(points.z.subarray(k * points.dim, (k + 1) * points.dim), (v) => formatSigned(v, 2)).join(', ')
  const nearest =
    points.nearestIndex[k] < 0 ? 'no encoded codes yet' : `nearest code: test sample ${points.nearestIndex[k]} at distance ${formatNumber(points.nearestDistance[k])}`
  return `z = (${z}); ‖z‖ = ${formatNumber(points.norm[k])}; log p(z) = ${formatNumber(points.logDensity[k])}; ${formatPercent(points.normQuantile[k])} of the prior lies closer to 0; ${nearest}`
}

/** The two short lines under a probe's decode: its prior log-density and its distance to the nearest code. */
export function placementCaption(points: DecodedPoints, k: number): string[] {
  const nearest = points.nearestIndex[k] < 0 ? 'no codes' : `NN ${formatNumber(points.nearestDistance[k], 2)}`
  return [`log p ${formatNumber(points.logDensity[k], 3)}`, nearest]
}

import { formatNumber } from '../../../lib/format/number-format'

/** Bin i's range as text, e.g. "0.512–0.527". */
export function binRange(edges: ArrayLike<number>, i: number): string {
  return `${formatNumber(edges[i])}–${formatNumber(edges[i + 1])}`
}

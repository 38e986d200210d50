/**
 * How numbers read in the run views: a fixed number of significant digits, p-values floored at
 * what a person can act on, and signs kept where the direction matters.
 */

/** `digits` significant digits, switching to exponent notation for very large or small magnitudes; '—' for non-finite. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞'
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  const text = magnitude >= 1e5 || magnitude < 1e-4 ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)))
  return text.replace('-', '−')
}

/** A p-value as people read it: "< 0.0001" below that, otherwise two significant digits. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—'
  if (p < 1e-4) return '< 0.0001'
  return formatNumber(p, 2)
}

/** A value with an explicit sign, e.g. "+0.25", "−1.5" (decoded z coordinates, log-densities). */
export function formatSigned(value: number, digits = 3): string {
  const text = formatNumber(value, digits)
  return value > 0 ? `+${text}` : text
}

/** A share as a percentage with one decimal, e.g. 0.0512 → "5.1 %"; shares that round to 0 or 100 % without being so say "< 0.1 %" / "> 99.9 %". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—'
  if (share > 0.9995 && share < 1) return '> 99.9 %'
  if (share > 0 && share < 0.0005) return '< 0.1 %'
  return `${(share * 100).toFixed(1)} %`
}

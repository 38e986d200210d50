/**
 * How every number on screen reads. One rule for measured values: a fixed number of significant
 * digits, exponent notation below 1e-4 and from 1e5 up, a real minus sign, '—' for no value.
 * Tables of runs use 4 digits (formatMetric), the run views 3 (formatNumber's default).
 */

/** `digits` significant digits, switching to exponent notation for very large or small magnitudes; '—' for non-finite. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞'
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  const text = magnitude >= 1e5 || magnitude < 1e-4 ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)))
  // Only the first hyphen becomes a minus: the number stays one that `Number()` reads after swapping it back.
  return text.replace('-', '−')
}

/** A run's metric in a table cell or chart axis: four significant digits, '—' where the run has none yet. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value, 4)
}

/** A signed difference, e.g. "+0.0123" or "−0.004", for deltas against a baseline. */
export function formatDelta(value: number): string {
  if (value === 0) return '±0'
  const text = formatMetric(Math.abs(value))
  return value > 0 ? `+${text}` : `−${text}`
}

/** A value with an explicit sign, e.g. "+0.25", "−1.5" (decoded z coordinates, log-densities). */
export function formatSigned(value: number, digits = 3): string {
  const text = formatNumber(value, digits)
  return value > 0 ? `+${text}` : text
}

/** A p-value as people read it: "< 0.0001" below that, otherwise two significant digits. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—'
  if (p < 1e-4) return '< 0.0001'
  return formatNumber(p, 2)
}

/** A share as a percentage with one decimal, e.g. 0.0512 → "5.1 %"; shares that round to 0 or 100 % without being so say "< 0.1 %" / "> 99.9 %". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—'
  if (share > 0.9995 && share < 1) return '> 99.9 %'
  if (share > 0 && share < 0.0005) return '< 0.1 %'
  return `${(share * 100).toFixed(1)} %`
}

const GROUPED = new Intl.NumberFormat('en-US')

/** A whole count with thousands separators: 54,000. */
export function formatCount(value: number): string {
  return GROUPED.format(Math.round(value))
}

/** "42 s", "3 min 05 s", "2 h 10 min": an ETA a person reads at a glance. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/** A config value as a table shows it: empty optional fields read "all". */
export function formatConfigValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'all'
  return String(value)
}

/** A config value with its field's unit, singular for exactly one ("1 epoch", "35 epochs"). */
export function formatConfigValueWithUnit(value: unknown, unit: string | undefined): string {
  const text = formatConfigValue(value)
  if (!unit || typeof value !== 'number') return text
  return `${text} ${value === 1 ? unit.replace(/s$/, '') : unit}`
}

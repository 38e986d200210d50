/** Four significant digits: enough to tell runs apart, short enough for a table cell. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential(3)
  return Number(value.toPrecision(4)).toString()
}

/** A signed difference, e.g. "+0.0123" or "−0.004", for deltas against a baseline. */
export function formatDelta(value: number): string {
  if (value === 0) return '±0'
  const text = formatMetric(Math.abs(value))
  return value > 0 ? `+${text}` : `−${text}`
}

const GROUPED = new Intl.NumberFormat('en-US')

/** 54,000 */
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

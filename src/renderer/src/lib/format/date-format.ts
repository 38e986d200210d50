/*
 * Formatters are built once: `toLocaleString` with options builds a new Intl.DateTimeFormat on
 * every call, which dominated the cost of scrolling a large table.
 */
const SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })

/** "Nov 28, 12:09 AM", for a table cell. */
export function formatShortDateTime(iso: string): string {
  return SHORT.format(new Date(iso))
}

/** "Friday, November 28, 2025 at 12:09:31 AM", for a tooltip. */
export function formatFullDateTime(iso: string): string {
  return FULL.format(new Date(iso))
}

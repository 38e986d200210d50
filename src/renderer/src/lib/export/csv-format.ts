/** A table to export: column names and rows of cells in the same order. */
export interface ExportTable {
  columns: string[]
  rows: (string | number | boolean | null | undefined)[][]
}

/** RFC 4180: a cell is quoted when it holds a comma, a quote or a line break; quotes are doubled. */
function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'number' ? numberText(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Full precision, so a re-import reads the stored value back exactly; non-finite values spelled out. */
function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  return String(value)
}

/** CSV text with CRLF line ends (what spreadsheets expect) and a header row. */
export function toCsv(table: ExportTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** The same table as JSON objects keyed by column, for scripts. */
export function toJsonRecords(table: ExportTable): Record<string, unknown>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? null])))
}

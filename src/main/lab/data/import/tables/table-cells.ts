/**
 * One cell of a table as a reader hands it over: text as written (CSV), or the value a binary table
 * (Parquet, Arrow) holds — numbers as numbers, dates and timestamps as ISO 8601 text, booleans as
 * 1 and 0, nulls as null.
 */
export type Cell = string | number | null

/** Spellings of a missing value, as pandas writes and reads them (compared case-insensitively). */
const MISSING_WORDS = new Set(['', 'na', 'n/a', 'nan', '-nan', '+nan', 'null', 'none', '<na>', '#n/a', 'nat'])

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
/** `1,5` — a decimal comma, as files separated by `;` write numbers. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/

export function isMissing(cell: Cell): boolean {
  if (cell === null) return true
  if (typeof cell === 'number') return Number.isNaN(cell)
  return MISSING_WORDS.has(cell.trim().toLowerCase())
}

/**
 * A cell as a number: NaN when it is missing, undefined when it is not a finite number. A decimal
 * comma is read where the table is separated by semicolons (then it cannot be a separator).
 */
export function numberCell(cell: Cell, decimalComma: boolean): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) || Number.isNaN(cell) ? cell : undefined
  if (isMissing(cell)) return Number.NaN
  const text = cell!.trim()
  if (DECIMAL.test(text)) {
    const v = Number(text)
    return Number.isFinite(v) ? v : undefined
  }
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.'))
  return undefined
}

/** How a cell is quoted in a sentence: `"abc"`, shortened past 40 characters. */
export function quoteCell(cell: Cell): string {
  const text = String(cell)
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`
}

/** A value from a binary table (Parquet, Arrow) as a Cell: dates as ISO 8601, big integers and booleans as numbers. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  return String(value)
}

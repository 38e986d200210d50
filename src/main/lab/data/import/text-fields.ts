/** Field-level reading shared by the text formats, with the words their error messages use. */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const NOT_A_NUMBER = /^[+-]?nan$/i

/**
 * A numeric field: decimal or scientific notation only (`Number()` alone would take "", "0x1f" or
 * "Infinity"). `nan` for a NaN spelled out, `invalid` for anything else, including infinities.
 */
export function parseNumberField(text: string): number | 'nan' | 'invalid' {
  if (DECIMAL.test(text)) {
    const v = Number(text)
    return Number.isFinite(v) ? v : 'invalid'
  }
  return NOT_A_NUMBER.test(text) ? 'nan' : 'invalid'
}

/** How a bad field is described: `"abc" is not a number`. */
export function describeBadNumber(text: string): string {
  if (text === '') return 'a value is missing (empty field)'
  if (NOT_A_NUMBER.test(text)) return 'NaN is not allowed (missing values are not supported)'
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a finite number`
}

/**
 * A class label as written: surrounding quotes removed, and numbers written in one canonical way
 * so "1", "1.0" and "1.0000000e+00" (old UCR files) are the same class.
 */
export function labelName(text: string): string {
  const unquoted = unquote(text)
  return DECIMAL.test(unquoted) ? String(Number(unquoted)) : unquoted
}

export function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text
}

/** Fields of one comma-separated line, trimmed and unquoted (quoted commas are not supported). */
export function splitCsvLine(line: string): string[] {
  return line.split(',').map((f) => unquote(f.trim()))
}

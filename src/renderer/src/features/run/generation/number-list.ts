/** A list of numbers as typed by a person ("1, 2, 3 4;6"), or the sentence that says what is wrong with it. */
export function parseNumberList(text: string, name: string): { values: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '')
  if (parts.length === 0) return { error: `${name}: type at least one number, e.g. 1, 2, 3` }
  const values = parts.map(Number)
  const bad = parts.find((_, i) => !Number.isFinite(values[i]))
  return bad === undefined ? { values } : { error: `${name}: “${bad}” is not a number` }
}

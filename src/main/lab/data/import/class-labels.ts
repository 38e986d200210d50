/** Class labels as written in a file → label indices 0…k−1 and the class names in that order. */
export interface ClassLabels {
  classNames: string[]
  labels: Int32Array
}

/**
 * Classes are ordered numerically when every name is a number (so "2" comes before "10"),
 * alphabetically otherwise. Null where the file has no labels.
 */
export function indexClassLabels(names: readonly (string | null)[]): ClassLabels | null {
  if (names.length === 0 || names[0] === null) return null
  const distinct = [...new Set(names as string[])]
  const numeric = distinct.every((n) => n.trim() !== '' && Number.isFinite(Number(n)))
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const index = new Map(distinct.map((n, i) => [n, i]))
  return { classNames: distinct, labels: Int32Array.from(names, (n) => index.get(n as string)!) }
}

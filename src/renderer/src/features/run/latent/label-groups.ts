/** The points of one class: positions into the projection's arrays, in their original order. */
export interface LabelGroup {
  /** −1 for unlabelled samples. */
  label: number
  positions: number[]
}

/** Points grouped by label, groups in label order (unlabelled first), so each class can be one series with its own colour. */
export function groupByLabel(labels: ArrayLike<number>): LabelGroup[] {
  const groups = new Map<number, number[]>()
  for (let p = 0; p < labels.length; p++) {
    const list = groups.get(labels[p])
    if (list) list.push(p)
    else groups.set(labels[p], [p])
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([label, positions]) => ({ label, positions }))
}

/** Row p of a row-major [count, dims] coordinate array. */
export function coordsAt(coords: ArrayLike<number>, dims: number, p: number): number[] {
  return Array.from({ length: dims }, (_, d) => coords[p * dims + d])
}

/**
 * Line plots of a sequence that is not a picture: one polyline per feature over the steps, in a
 * box of the given size, with a shared value range so several sequences compare by eye.
 */

export interface ValueRange {
  min: number
  max: number
}

/** The range of the finite values, widened to a unit span around a constant so a flat line sits in the middle. */
export function valueRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min > max) return { min: 0, max: 1 }
  if (min === max) return { min: min - 0.5, max: max + 0.5 }
  return { min, max }
}

/**
 * SVG `points` strings, one per feature: step s at x = s / (steps − 1) · width, value v at
 * y = height − (v − min) / (max − min) · height (SVG's y grows downwards). Values are row-major
 * [steps, features]; non-finite values break nothing: they are left out of their line.
 */
export function featurePolylines(values: ArrayLike<number>, steps: number, features: number, width: number, height: number, range: ValueRange): string[] {
  const xScale = steps > 1 ? width / (steps - 1) : 0
  const yScale = height / (range.max - range.min)
  return Array.from({ length: features }, (_, f) => {
    const points: string[] = []
    for (let s = 0; s < steps; s++) {
      const v = values[s * features + f]
      if (!Number.isFinite(v)) continue
      points.push(`${(s * xScale).toFixed(2)},${(height - (v - range.min) * yScale).toFixed(2)}`)
    }
    return points.join(' ')
  })
}

/**
 * Pixels for sequences drawn as pictures: grayscale for values in [0, 1] (MNIST rows are pixel
 * intensities) and a perceptually ordered heat scale for errors. Output is RGBA, row-major by step,
 * ready for `ImageData`: step s is image row s and feature f is column f.
 */

/** Inferno (matplotlib) at nine evenly spaced stops: dark for no error, bright yellow for the most. */
const HEAT_STOPS: readonly [number, number, number][] = [
  [0, 0, 4],
  [31, 12, 72],
  [85, 15, 109],
  [136, 34, 106],
  [186, 54, 85],
  [227, 89, 51],
  [249, 140, 10],
  [249, 201, 50],
  [252, 255, 164],
]

/** The heat colour of t ∈ [0, 1] (clamped; NaN counts as the most), linearly between stops. */
export function heatColor(t: number): [number, number, number] {
  const clamped = Number.isNaN(t) ? 1 : Math.min(1, Math.max(0, t))
  const position = clamped * (HEAT_STOPS.length - 1)
  const lower = Math.min(Math.floor(position), HEAT_STOPS.length - 2)
  const f = position - lower
  const [a, b] = [HEAT_STOPS[lower], HEAT_STOPS[lower + 1]]
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number]
}

/** Values 0…1 as gray levels 0…255 (clamped), opaque. */
export function grayscalePixels(values: ArrayLike<number>): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(values.length * 4)
  for (let i = 0; i < values.length; i++) {
    const level = Math.round(Math.min(1, Math.max(0, values[i])) * 255)
    pixels.set([level, level, level, 255], i * 4)
  }
  return pixels
}

/** Values 0…max on the heat scale (above max saturates), opaque. */
export function heatPixels(values: ArrayLike<number>, max: number): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(values.length * 4)
  const scale = max > 0 ? 1 / max : 0
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = heatColor(values[i] * scale)
    pixels.set([r, g, b, 255], i * 4)
  }
  return pixels
}

/**
 * The value at quantile q of the finite entries (nearest rank), used as the heat scale's top so a
 * handful of clipped, huge per-pixel BCE values do not wash out every other error. 0 when empty.
 */
export function quantileOf(values: ArrayLike<number>, q: number): number {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b)
  if (finite.length === 0) return 0
  return finite[Math.min(finite.length - 1, Math.max(0, Math.ceil(q * finite.length) - 1))]
}

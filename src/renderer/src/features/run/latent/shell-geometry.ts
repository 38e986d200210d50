/**
 * Points on the prior's shells as the latent view draws them: a Fibonacci lattice spreads n points
 * evenly over a sphere (no crowding at the poles, unlike a latitude–longitude grid), a circle is n
 * points at equal angles, and in one dimension a shell is its two ends.
 */

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5))

export function spherePoints(center: readonly number[], radius: number, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const y = n === 1 ? 0 : 1 - (2 * i) / (n - 1)
    const ring = Math.sqrt(Math.max(0, 1 - y * y))
    const angle = GOLDEN_ANGLE * i
    return [center[0] + radius * ring * Math.cos(angle), center[1] + radius * y, center[2] + radius * ring * Math.sin(angle)]
  })
}

/** A closed polyline: n + 1 points, the last equal to the first. */
export function circlePoints(center: readonly number[], radius: number, n: number): number[][] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const angle = (2 * Math.PI * (i % n)) / n
    return [center[0] + radius * Math.cos(angle), center[1] + radius * Math.sin(angle)]
  })
}

/** The half-width of a symmetric axis range that holds every coordinate and, when shown, the largest shell, with a little margin. */
export function axisHalfWidth(coords: ArrayLike<number>, dims: number, center: readonly number[], shellRadius: number): number {
  let extent = shellRadius > 0 ? Math.max(...center.slice(0, dims).map((c) => Math.abs(c) + shellRadius)) : 0
  for (let i = 0; i < coords.length; i++) if (Number.isFinite(coords[i])) extent = Math.max(extent, Math.abs(coords[i]))
  if (extent === 0) return 1
  // Round up to a readable tick: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, … times a power of ten.
  const power = 10 ** Math.floor(Math.log10(extent * 1.05))
  const steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
  // toPrecision drops the binary noise of power × step (0.6000000000000001).
  return Number((power * steps.find((s) => s * power >= extent * 1.05)!).toPrecision(6))
}

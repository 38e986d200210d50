import type { InterpolationPath } from '../../../shared/run-views'

/** `steps` evenly spaced values from `from` to `to`, both included. */
export function evenlySpaced(from: number, to: number, steps: number): Float32Array {
  return Float32Array.from({ length: steps }, (_, i) => (i === steps - 1 ? to : from + ((to - from) * i) / (steps - 1)))
}

/**
 * Traversals: for each of `dims` in turn, copies of `base` whose coordinate `dim` takes each of
 * `values`, the others staying at `base`'s. Point k = dims[⌊k / values.length⌋] at values[k mod values.length].
 */
export function traversalPoints(base: Float32Array, dims: readonly number[], values: Float32Array): Float32Array {
  const dim = base.length
  const out = new Float32Array(dims.length * values.length * dim)
  dims.forEach((d, row) => {
    values.forEach((v, step) => {
      const at = (row * values.length + step) * dim
      out.set(base, at)
      out[at + d] = v
    })
  })
  return out
}

/**
 * Points from code `a` to code `b` at each fraction `t`: along the straight line, or along the
 * great-circle arc (slerp), which keeps the norm between the endpoints' instead of cutting through
 * the low-norm middle of the prior; nearly parallel codes fall back to the line.
 */
export function interpolationPoints(a: Float32Array, b: Float32Array, t: Float32Array, path: InterpolationPath): Float32Array {
  const dim = a.length
  const out = new Float32Array(t.length * dim)
  let wa = (s: number) => 1 - s
  let wb = (s: number) => s
  if (path === 'spherical') {
    let dot = 0
    let na = 0
    let nb = 0
    for (let k = 0; k < dim; k++) {
      dot += a[k] * b[k]
      na += a[k] * a[k]
      nb += b[k] * b[k]
    }
    const omega = Math.acos(Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))))
    const sinOmega = Math.sin(omega)
    if (sinOmega > 1e-6) {
      wa = (s) => Math.sin((1 - s) * omega) / sinOmega
      wb = (s) => Math.sin(s * omega) / sinOmega
    }
  }
  t.forEach((s, i) => {
    const ca = wa(s)
    const cb = wb(s)
    for (let k = 0; k < dim; k++) out[i * dim + k] = ca * a[k] + cb * b[k]
  })
  return out
}

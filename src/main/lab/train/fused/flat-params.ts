import type { ModelSpec } from '../../model/model-spec'
import { orderWeights, sizeOf, weightLayout, type WeightTensor } from '../../model/weight-layout'

/**
 * The fused engine keeps weights, gradients and Adam moments as one Float32 vector each: the
 * canonical tensors of weight-layout.ts concatenated in layout order. These convert between that
 * vector and the named tensors every other engine speaks.
 */
export function paramCountOf(spec: ModelSpec): number {
  return weightLayout(spec).reduce((n, w) => n + sizeOf(w.shape), 0)
}

/** Start of each canonical tensor in the flat vector, by name. */
export function paramOffsets(spec: ModelSpec): Map<string, number> {
  const offsets = new Map<string, number>()
  let at = 0
  for (const w of weightLayout(spec)) {
    offsets.set(w.name, at)
    at += sizeOf(w.shape)
  }
  return offsets
}

/** Checks names and shapes (see orderWeights) and writes the tensors into `out` in layout order. */
export function flattenWeights(spec: ModelSpec, weights: readonly WeightTensor[], out = new Float32Array(paramCountOf(spec))): Float32Array {
  let at = 0
  for (const w of orderWeights(spec, weights)) {
    out.set(w.values, at)
    at += w.values.length
  }
  return out
}

/** Named tensors holding copies of the flat vector's values. */
export function unflattenWeights(spec: ModelSpec, flat: Float32Array): WeightTensor[] {
  let at = 0
  return weightLayout(spec).map((ws) => {
    const size = sizeOf(ws.shape)
    const values = flat.slice(at, at + size)
    at += size
    return { name: ws.name, shape: [...ws.shape], values }
  })
}

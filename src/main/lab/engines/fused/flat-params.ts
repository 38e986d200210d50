import { encoderPrefixes, type ModelSpec } from '../../model/model-spec'
import { orderWeights, parameterCount, sizeOf, weightLayout, type WeightTensor } from '../../model/weight-layout'

/**
 * The fused engine keeps weights, gradients and Adam moments as one Float32 vector each: the
 * canonical tensors of weight-layout.ts concatenated in layout order. These convert between that
 * vector and the named tensors every other engine speaks, and say where each tensor starts: the
 * one offset table both cores read (js-core.ts directly, the native addon as passed by
 * native-core.ts), so the layout is defined once, in weight-layout.ts.
 */

/** Where one recurrent layer's kernel, recurrent kernel and bias start in the flat vector. */
export interface RecurrentOffsets {
  W: number
  U: number
  B: number
}

export interface FusedOffsets {
  /** The encoder's directions: forward, then backward when bidirectional. */
  enc: RecurrentOffsets[]
  zmW: number
  zmB: number
  zvW: number
  zvB: number
  dec: RecurrentOffsets
  outW: number
  outB: number
  /** Parameters in all. */
  total: number
}

export function fusedOffsets(spec: ModelSpec): FusedOffsets {
  const starts = new Map<string, number>()
  let total = 0
  for (const w of weightLayout(spec)) {
    starts.set(w.name, total)
    total += sizeOf(w.shape)
  }
  const at = (name: string) => starts.get(name)!
  const recurrent = (prefix: string): RecurrentOffsets => ({ W: at(`${prefix}/kernel`), U: at(`${prefix}/recurrent_kernel`), B: at(`${prefix}/bias`) })
  return {
    enc: encoderPrefixes(spec).map(recurrent),
    zmW: at('z_mean/kernel'),
    zmB: at('z_mean/bias'),
    zvW: at('z_log_var/kernel'),
    zvB: at('z_log_var/bias'),
    dec: recurrent('decoder_rnn'),
    outW: at('output_dense/kernel'),
    outB: at('output_dense/bias'),
    total,
  }
}

/** Checks names and shapes (see orderWeights) and writes the tensors into `out` in layout order. */
export function flattenWeights(spec: ModelSpec, weights: readonly WeightTensor[], out = new Float32Array(parameterCount(spec))): Float32Array {
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

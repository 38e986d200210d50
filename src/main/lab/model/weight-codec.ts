import type { WeightTensor } from './weight-layout'

/**
 * A list of named Float32 tensors as one binary blob: uint32 header length, a JSON header of names
 * and shapes, padding to 4 bytes, then every tensor's values back to back (little-endian).
 */
export function encodeWeights(weights: readonly WeightTensor[]): Buffer {
  const header = Buffer.from(JSON.stringify(weights.map((w) => ({ name: w.name, shape: w.shape }))), 'utf8')
  const offset = align4(4 + header.length)
  const total = weights.reduce((n, w) => n + w.values.byteLength, 0)
  const out = Buffer.alloc(offset + total)
  out.writeUInt32LE(header.length, 0)
  header.copy(out, 4)
  let at = offset
  for (const w of weights) {
    Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength).copy(out, at)
    at += w.values.byteLength
  }
  return out
}

export function decodeWeights(blob: Buffer): WeightTensor[] {
  const headerLength = blob.readUInt32LE(0)
  const header = JSON.parse(blob.subarray(4, 4 + headerLength).toString('utf8')) as { name: string; shape: number[] }[]
  let at = align4(4 + headerLength)
  return header.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1)
    const values = new Float32Array(blob.buffer.slice(blob.byteOffset + at, blob.byteOffset + at + size * 4))
    at += size * 4
    return { name, shape, values }
  })
}

const align4 = (n: number) => (n + 3) & ~3

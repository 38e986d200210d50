/**
 * IDX, the file format MNIST ships in: two zero bytes, a type code, the number of dimensions,
 * each dimension as a big-endian uint32, then the values. MNIST uses only unsigned bytes (0x08).
 */
export interface IdxArray {
  shape: number[]
  data: Uint8Array
}

const UNSIGNED_BYTE = 0x08

export function parseIdx(bytes: Uint8Array, source = 'IDX file'): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${source} is not an IDX file (bad magic number)`)
  if (bytes[2] !== UNSIGNED_BYTE) throw new Error(`${source} holds IDX type 0x${bytes[2].toString(16)}; only unsigned bytes are supported`)
  const rank = bytes[3]
  const headerLength = 4 + 4 * rank
  if (rank === 0 || bytes.length < headerLength) throw new Error(`${source} has a truncated IDX header`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false))
  const count = shape.reduce((a, b) => a * b, 1)
  if (bytes.length !== headerLength + count) {
    throw new Error(`${source} should hold ${count} values after its header but holds ${bytes.length - headerLength}`)
  }
  return { shape, data: bytes.subarray(headerLength) }
}

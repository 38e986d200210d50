/**
 * IDX, the file format MNIST ships in: two zero bytes, a type code, the number of dimensions,
 * each dimension as a big-endian uint32, then the values. MNIST uses only unsigned bytes (0x08).
 */
export interface IdxArray {
  shape: number[]
  data: Uint8Array
}

const UNSIGNED_BYTE = 0x08

/** The longest header there is (rank 255): enough bytes to read any file's header from. */
export const MAX_IDX_HEADER_BYTES = 4 + 4 * 255

interface IdxHeader {
  shape: number[]
  headerLength: number
}

function parseHeader(bytes: Uint8Array, source: string): IdxHeader {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${source} is not an IDX file (bad magic number)`)
  if (bytes[2] !== UNSIGNED_BYTE) throw new Error(`${source} holds IDX type 0x${bytes[2].toString(16)}; only unsigned bytes are supported`)
  const rank = bytes[3]
  const headerLength = 4 + 4 * rank
  if (rank === 0 || bytes.length < headerLength) throw new Error(`${source} has a truncated IDX header`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { shape: Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false)), headerLength }
}

const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1)

export function parseIdx(bytes: Uint8Array, source = 'IDX file'): IdxArray {
  const { shape, headerLength } = parseHeader(bytes, source)
  const count = product(shape)
  if (bytes.length !== headerLength + count) {
    throw new Error(`${source} should hold ${count} values after its header but holds ${bytes.length - headerLength}`)
  }
  return { shape, data: bytes.subarray(headerLength) }
}

/** Bytes from the start of an IDX file that hold its first `items` entries (along the first dimension). */
export function idxPrefixLength(header: Uint8Array, items: number, source = 'IDX file'): number {
  const { shape, headerLength } = parseHeader(header, source)
  return headerLength + Math.min(items, shape[0]) * product(shape.slice(1))
}

/**
 * The first `items` entries of an IDX file from a prefix of its bytes (see idxPrefixLength), so a
 * preview need not read, or decompress, the whole file. The shape's first dimension says how many
 * were read.
 */
export function parseIdxPrefix(bytes: Uint8Array, items: number, source = 'IDX file'): IdxArray {
  const { shape, headerLength } = parseHeader(bytes, source)
  const kept = [Math.min(items, shape[0]), ...shape.slice(1)]
  const count = product(kept)
  if (bytes.length < headerLength + count) {
    throw new Error(`${source} should hold at least ${count} values after its header but holds ${bytes.length - headerLength}`)
  }
  return { shape: kept, data: bytes.subarray(headerLength, headerLength + count) }
}

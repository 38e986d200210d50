/** Typed arrays ⇄ SQLite BLOBs (little-endian, as every platform we run on). */
export function toBlob(values: Float32Array | Int32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength)
}

/** Copies, because a Buffer from SQLite need not be 4-byte aligned. */
export function float32FromBlob(blob: Buffer): Float32Array {
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength))
}

export function int32FromBlob(blob: Buffer): Int32Array {
  return new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength))
}

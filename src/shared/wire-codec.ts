import { UserError } from './errors'

/**
 * JSON for the HTTP transport, extended with what plain JSON loses:
 *   Float32Array ⇄ {"$f32": base64 of its bytes}, Int32Array ⇄ {"$i32": base64 of its bytes},
 *   Float64Array (times in ms since 1970, beyond float32's digits) ⇄ {"$f64": base64 of its bytes},
 *   Uint8Array (an uploaded file; a Node Buffer too) ⇄ {"$u8": base64 of its bytes},
 *   NaN / ±Infinity ⇄ {"$num": "NaN" | "Infinity" | "-Infinity"}  (JSON would turn them into null).
 * Typed arrays travel as their raw little-endian bytes (every platform we run on is little-endian),
 * so values, signed zeros and NaN payloads come back bit for bit, at 4/3 of their byte size rather
 * than the ~10 characters per number of a JSON array. No contract type has a key starting with `$`,
 * so tagged objects cannot be confused with data.
 */

const TYPED_ARRAYS = {
  $f32: Float32Array,
  $f64: Float64Array,
  $i32: Int32Array,
  $u8: Uint8Array,
} as const
type TypedArrayTag = keyof typeof TYPED_ARRAYS

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    // A Buffer's toJSON has run before the replacer sees it; the holder still has the Buffer itself.
    const raw = this[key]
    if (raw instanceof Float32Array) return { $f32: bytesToBase64(bytesOf(raw)) }
    if (raw instanceof Float64Array) return { $f64: bytesToBase64(bytesOf(raw)) }
    if (raw instanceof Int32Array) return { $i32: bytesToBase64(bytesOf(raw)) }
    if (raw instanceof Uint8Array) return { $u8: bytesToBase64(bytesOf(raw)) }
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) }
    return v
  })
}

/** Parses wire JSON; malformed input throws a UserError (a client sent it), never a bare SyntaxError. */
export function decodeWire(text: string): unknown {
  try {
    return JSON.parse(text, (_key, v: unknown) => (isPlainObject(v) ? reviveTagged(v) : v))
  } catch (e) {
    if (e instanceof UserError) throw e
    throw new UserError('the request body is not valid JSON', 'invalid')
  }
}

function reviveTagged(o: Record<string, unknown>): unknown {
  const keys = Object.keys(o)
  if (keys.length !== 1) return o
  const key = keys[0]
  const payload = o[key]
  if (typeof payload !== 'string') return o
  if (key === '$num') {
    if (payload === 'NaN') return NaN
    if (payload === 'Infinity') return Infinity
    if (payload === '-Infinity') return -Infinity
    throw new UserError(`"${payload}" is not a number name (NaN, Infinity or -Infinity)`, 'invalid')
  }
  if (!Object.hasOwn(TYPED_ARRAYS, key)) return o
  const Kind = TYPED_ARRAYS[key as TypedArrayTag]
  const bytes = base64ToBytes(payload)
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) {
    throw new UserError(`a ${key} array must hold a multiple of ${Kind.BYTES_PER_ELEMENT} bytes`, 'invalid')
  }
  // base64ToBytes returns a fresh, zero-offset buffer, so it is aligned for any element size.
  return new Kind(bytes.buffer)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function bytesOf(a: Float32Array | Float64Array | Int32Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

// Neither Buffer (Node) nor btoa on binary strings (slow, browser-flavoured) belongs in src/shared.
// The characters are written as ASCII bytes and turned into a string by TextDecoder (in every
// browser and in Node), chunk by chunk: about 9 ms per MiB, a fifth of the time that building
// strings from character codes took (an upload of 256 MiB is encoded in about 2 s).
const ASCII = new TextDecoder('latin1')
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
const ENCODE_CHUNK = 3 * 1024 * 1024

export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = []
  for (let start = 0; start < bytes.length; start += ENCODE_CHUNK) {
    const end = Math.min(start + ENCODE_CHUNK, bytes.length)
    const out = new Uint8Array(Math.ceil((end - start) / 3) * 4)
    let o = 0
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i]
      const b1 = i + 1 < end ? bytes[i + 1] : 0
      const b2 = i + 2 < end ? bytes[i + 2] : 0
      out[o++] = ENCODE[b0 >> 2]
      out[o++] = ENCODE[((b0 & 3) << 4) | (b1 >> 4)]
      out[o++] = i + 1 < end ? ENCODE[((b1 & 15) << 2) | (b2 >> 6)] : 61
      out[o++] = i + 2 < end ? ENCODE[b2 & 63] : 61
    }
    chunks.push(ASCII.decode(out))
  }
  return chunks.join('')
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0) throw new UserError('a typed array payload is not valid base64', 'invalid')
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const bytes = new Uint8Array((text.length / 4) * 3 - padding)
  let out = 0
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length
    const c0 = sextet(text, i)
    const c1 = sextet(text, i + 1)
    const c2 = last && padding === 2 ? 0 : sextet(text, i + 2)
    const c3 = last && padding >= 1 ? 0 : sextet(text, i + 3)
    const triple = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3
    bytes[out++] = triple >> 16
    if (out < bytes.length) bytes[out++] = (triple >> 8) & 255
    if (out < bytes.length) bytes[out++] = triple & 255
  }
  return bytes
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i)
  const value = code < 128 ? DECODE[code] : -1
  if (value < 0) throw new UserError('a typed array payload is not valid base64', 'invalid')
  return value
}

import { UserError } from '../../../../shared/errors'

/**
 * NumPy's .npy format: the magic `\x93NUMPY`, a version, a header length, a Python-dict header
 * (`descr`, `fortran_order`, `shape`), then the raw values. Floats (f4, f8) and integers (i1–i8,
 * u1–u8, b1) of either byte order are read; C or Fortran order comes out in C order.
 */
export interface NpyArray {
  shape: number[]
  /** `f` float, `i` signed, `u` unsigned integer, `b` boolean. */
  kind: 'f' | 'i' | 'u' | 'b'
  count: number
  /** The value with C-order (row-major) index i, read from the file's bytes without a copy of the whole. */
  valueAt(i: number): number
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY

export function parseNpy(bytes: Uint8Array, label: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new UserError(`${label} is not a .npy file (it does not start with \\x93NUMPY)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const major = bytes[6]
  if (major < 1 || major > 3) throw new UserError(`${label} is .npy format version ${major}, which is not supported (1 to 3 are)`)
  const headerStart = major === 1 ? 10 : 12
  if (bytes.length < headerStart) throw new UserError(`${label} has a truncated .npy header`)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const dataStart = headerStart + headerLength
  if (bytes.length < dataStart) throw new UserError(`${label} has a truncated .npy header`)
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart))

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1]
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1]
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1]
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new UserError(`${label} has an unreadable .npy header: ${header.trim()}`)
  const type = /^([<>|=])([fiub])(\d+)$/.exec(descr)
  const supported = type && (type[2] === 'f' ? ['4', '8'] : type[2] === 'b' ? ['1'] : ['1', '2', '4', '8']).includes(type[3])
  if (!type || !supported) throw new UserError(`${label} holds values of type ${descr}; only float32/float64 values and integer labels are supported`)
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number)
  const kind = type[2] as NpyArray['kind']
  const itemSize = Number(type[3])
  const littleEndian = type[1] !== '>'
  const count = shape.reduce((a, b) => a * b, 1)
  const available = bytes.length - dataStart
  if (available !== count * itemSize) {
    throw new UserError(`${label} should hold ${count * itemSize} bytes of data for shape (${shape.join(', ')}) but holds ${available}`)
  }

  const read = reader(view, kind, itemSize, littleEndian)
  const strides = fortran === 'True' ? fortranStrides(shape) : null
  const valueAt = strides ? (i: number) => read(dataStart + fortranOffset(i, shape, strides) * itemSize) : (i: number) => read(dataStart + i * itemSize)
  return { shape, kind, count, valueAt }
}

function reader(view: DataView, kind: NpyArray['kind'], size: number, little: boolean): (offset: number) => number {
  if (kind === 'f') return size === 4 ? (o) => view.getFloat32(o, little) : (o) => view.getFloat64(o, little)
  if (size === 1) return kind === 'i' ? (o) => view.getInt8(o) : (o) => view.getUint8(o)
  if (size === 2) return kind === 'i' ? (o) => view.getInt16(o, little) : (o) => view.getUint16(o, little)
  if (size === 4) return kind === 'i' ? (o) => view.getInt32(o, little) : (o) => view.getUint32(o, little)
  return kind === 'i' ? (o) => Number(view.getBigInt64(o, little)) : (o) => Number(view.getBigUint64(o, little))
}

/** Element strides of a Fortran-ordered (column-major) array: the first index varies fastest. */
function fortranStrides(shape: number[]): number[] {
  const strides: number[] = []
  let s = 1
  for (const d of shape) {
    strides.push(s)
    s *= d
  }
  return strides
}

/** Where the element with C-order index `i` sits in a Fortran-ordered buffer. */
function fortranOffset(i: number, shape: number[], strides: number[]): number {
  let offset = 0
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    offset += (i % shape[axis]) * strides[axis]
    i = Math.floor(i / shape[axis])
  }
  return offset
}

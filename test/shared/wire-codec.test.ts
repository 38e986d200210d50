import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isUserError } from '../../src/shared/errors'
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../src/shared/wire-codec'

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length))

describe('wire codec', () => {
  it('encodes bytes exactly as standard base64 does, and decodes them back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(Array.from(base64ToBytes(text))).toEqual(Array.from(bytes))
      }),
    )
  })

  it('round-trips Float32Array bit for bit, including −0, NaN payloads, subnormals and views into larger buffers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 200 }), fc.nat(3), (words, offset) => {
        const backing = new Uint32Array(words.length + offset)
        backing.set(words, offset)
        const view = new Float32Array(backing.buffer, offset * 4, words.length)
        const back = decodeWire(encodeWire({ z: view })) as { z: Float32Array }
        expect(back.z).toBeInstanceOf(Float32Array)
        expect(bitsOf(back.z)).toEqual(words)
      }),
    )
  })

  it('round-trips Float64Array exactly: times in ms since 1970 need its digits', () => {
    const times = new Float64Array([Date.UTC(2024, 0, 5, 10, 0, 0, 1), -0, 0.1, Number.MAX_VALUE])
    const back = decodeWire(encodeWire({ times: times.subarray(1) })) as { times: Float64Array }
    expect(back.times).toBeInstanceOf(Float64Array)
    expect(Array.from(back.times)).toEqual(Array.from(times.subarray(1)))
    expect((decodeWire(encodeWire({ t: times })) as { t: Float64Array }).t[0]).toBe(Date.UTC(2024, 0, 5, 10, 0, 0, 1))
  })

  it('round-trips Int32Array, non-finite numbers and nested plain data', () => {
    const value = {
      labels: new Int32Array([-1, 0, 2 ** 31 - 1, -(2 ** 31)]),
      metrics: [{ loss: NaN, best: Infinity, worst: -Infinity, ok: 0.25 }],
      name: 'run $f32',
      nothing: null,
    }
    const back = decodeWire(encodeWire(value)) as typeof value
    expect(back.labels).toBeInstanceOf(Int32Array)
    expect(Array.from(back.labels)).toEqual(Array.from(value.labels))
    expect(back.metrics[0].loss).toBeNaN()
    expect(back.metrics[0]).toMatchObject({ best: Infinity, worst: -Infinity, ok: 0.25 })
    expect(back.name).toBe('run $f32')
    expect(back.nothing).toBeNull()
  })

  it('round-trips Uint8Array (an uploaded file), views and Node Buffers included, as a $u8 tag', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(5), (bytes, offset) => {
        const backing = new Uint8Array(bytes.length + offset)
        backing.set(bytes, offset)
        const view = backing.subarray(offset)
        const text = encodeWire([{ name: 'f.npy', bytes: view }])
        expect(JSON.parse(text)).toEqual([{ name: 'f.npy', bytes: { $u8: Buffer.from(bytes).toString('base64') } }])
        const [back] = decodeWire(text) as [{ bytes: Uint8Array }]
        expect(back.bytes).toBeInstanceOf(Uint8Array)
        expect(Array.from(back.bytes)).toEqual(Array.from(bytes))
      }),
    )
    // A Buffer's toJSON would otherwise turn it into {type: 'Buffer', data: [...]}, a number per byte.
    const back = decodeWire(encodeWire({ bytes: Buffer.from('1,0.5\n') })) as { bytes: Uint8Array }
    expect(back.bytes).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(back.bytes)).toBe('1,0.5\n')
    // The other typed arrays keep their own tags: a Float32Array is not sent as bytes.
    expect(decodeWire(encodeWire([new Float32Array([1.5])]))).toEqual([new Float32Array([1.5])])
  })

  it('sends a 120,000-value latent array as base64, about 4/3 of its bytes', () => {
    const z = new Float32Array(120_000).map((_, i) => Math.sin(i))
    const text = encodeWire([z])
    expect(text.length).toBeLessThan(z.byteLength * 1.34 + 20)
  })

  it('refuses malformed input with a UserError sentence', () => {
    for (const bad of ['{', '{"$f32":"abc"}', '{"$f32":"AAA*"}', '{"$f32":"AAA="}', '{"$num":"one"}', '{"$u8":"AA*="}']) {
      let thrown: unknown
      try {
        decodeWire(bad)
      } catch (e) {
        thrown = e
      }
      expect(isUserError(thrown), bad).toBe(true)
      expect((thrown as Error).message).toMatch(/JSON|base64|multiple of 4 bytes|number name/)
    }
  })
})

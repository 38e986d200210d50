import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitDataset } from '../../../../src/main/lab/data/dataset-split'
import { idxPrefixLength, parseIdx, parseIdxPrefix } from '../../../../src/main/lab/data/idx'
import { loadMnistSplit, mnistDataDir, mnistSource } from '../../../../src/main/lab/data/mnist'
import { useTempDirs } from '../../../helpers/temp-dir'

describe('IDX parsing', () => {
  it('reads shape and values and rejects broken files', () => {
    const bytes = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6])
    expect(parseIdx(bytes)).toEqual({ shape: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6]) })
    expect(() => parseIdx(bytes.subarray(0, 15), 'x.idx')).toThrow('x.idx should hold 6 values after its header but holds 3')
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1]), 'y.idx')).toThrow('bad magic number')
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]))).toThrow('only unsigned bytes')
  })

  it('reads the first entries from a prefix of the file, and says when the prefix is too short', () => {
    const bytes = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6])
    expect(idxPrefixLength(bytes.subarray(0, 12), 2)).toBe(12 + 4)
    expect(idxPrefixLength(bytes.subarray(0, 12), 9)).toBe(12 + 6)
    expect(parseIdxPrefix(bytes.subarray(0, 16), 2)).toEqual({ shape: [2, 2], data: Uint8Array.from([1, 2, 3, 4]) })
    expect(parseIdxPrefix(bytes, 9)).toEqual({ shape: [3, 2], data: Uint8Array.from([1, 2, 3, 4, 5, 6]) })
    expect(() => parseIdxPrefix(bytes.subarray(0, 15), 2, 'x.idx')).toThrow('x.idx should hold at least 4 values after its header but holds 3')
    expect(() => idxPrefixLength(Uint8Array.from([0, 0, 8, 3, 0]), 1, 'y.idx')).toThrow('y.idx has a truncated IDX header')
  })
})

describe('MNIST previews', () => {
  const tempDir = useTempDirs()

  it('read only the start of the files: a file cut short after the first images still previews', async () => {
    const dir = tempDir()
    // Headers claim 1,000 images of 2×3 pixels, but only 4 are there.
    const header = (shape: number[]) => {
      const b = Buffer.alloc(4 + 4 * shape.length)
      b.writeUInt8(8, 2)
      b.writeUInt8(shape.length, 3)
      shape.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i))
      return b
    }
    writeFileSync(path.join(dir, 'train-images-idx3-ubyte'), Buffer.concat([header([1000, 2, 3]), Buffer.from(Array.from({ length: 24 }, (_, i) => i * 10))]))
    writeFileSync(path.join(dir, 'train-labels-idx1-ubyte'), Buffer.concat([header([1000]), Buffer.from([7, 8, 9, 1])]))
    const preview = await mnistSource(dir).preview(3)
    expect([preview.count, preview.steps, preview.features]).toEqual([3, 2, 3])
    expect(Array.from(preview.labels!)).toEqual([7, 8, 9])
    expect(Array.from(preview.data)).toEqual(Array.from({ length: 18 }, (_, i) => Math.fround((i * 10) / 255)))
    await expect(loadMnistSplit(dir, 'train')).rejects.toThrow('should hold 6000 values after its header but holds 24')
  })
})

describe('MNIST as sequences', () => {
  it('matches the known facts of MNIST', async () => {
    const [train, test] = await Promise.all([loadMnistSplit(mnistDataDir(), 'train'), loadMnistSplit(mnistDataDir(), 't10k')])
    expect([train.count, train.steps, train.features]).toEqual([60_000, 28, 28])
    expect(test.count).toBe(10_000)
    expect(Array.from(train.labels!.subarray(0, 5))).toEqual([5, 0, 4, 1, 9])
    expect(test.labels![0]).toBe(7)
    const preview = await mnistSource().preview(8)
    expect(preview.data).toEqual(train.data.subarray(0, 8 * 28 * 28))
    expect(preview.labels).toEqual(train.labels!.subarray(0, 8))
    // Per-class counts of the training set are well known (e.g. 6,742 ones, 5,421 fives).
    const counts = new Array(10).fill(0)
    for (const l of train.labels!) counts[l]++
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    let min = Infinity
    let max = -Infinity
    for (const v of train.data) {
      if (v < min) min = v
      if (v > max) max = v
    }
    expect([min, max]).toEqual([0, 1])

    const splits = splitDataset(train, test, { seed: 42, valFraction: 0.1, valSplit: 'random' })
    expect([splits.train.count, splits.val.count, splits.test.count]).toEqual([54_000, 6_000, 10_000])
    const again = splitDataset(train, test, { seed: 42, valFraction: 0.1, valSplit: 'random', trainLimit: 100, valLimit: 10, evalLimit: 7 })
    expect([again.train.count, again.val.count, again.test.count]).toEqual([100, 10, 7])
    // Limits take a prefix of the same seeded split.
    expect(Array.from(again.train.labels!)).toEqual(Array.from(splits.train.labels!.subarray(0, 100)))
    expect(Array.from(again.testIndices)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const other = splitDataset(train, test, { seed: 43, valFraction: 0.1, valSplit: 'random', trainLimit: 100 })
    expect(Array.from(other.train.labels!)).not.toEqual(Array.from(again.train.labels!))

    // A tail split is Keras's validation_split: exactly the last 6,000 of the 60,000, in order,
    // whatever the seed; training keeps the first 54,000 in order (the loop shuffles them per epoch).
    const image = 28 * 28
    // Byte comparison: a deep equality of 42 million floats would take minutes.
    const sameBytes = (a: Float32Array | Int32Array, b: Float32Array | Int32Array) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
    for (const seed of [42, 7]) {
      const tail = splitDataset(train, test, { seed, valFraction: 0.1, valSplit: 'tail' })
      expect([tail.train.count, tail.val.count]).toEqual([54_000, 6_000])
      expect(sameBytes(tail.val.data, train.data.subarray(54_000 * image))).toBe(true)
      expect(sameBytes(tail.val.labels!, train.labels!.subarray(54_000))).toBe(true)
      expect(sameBytes(tail.train.data, train.data.subarray(0, 54_000 * image))).toBe(true)
    }
    const tailLimited = splitDataset(train, test, { seed: 42, valFraction: 0.1, valSplit: 'tail', trainLimit: 100, valLimit: 10 })
    expect(Array.from(tailLimited.val.labels!)).toEqual(Array.from(train.labels!.subarray(54_000, 54_010)))
    expect(Array.from(tailLimited.train.labels!)).toEqual(Array.from(train.labels!.subarray(0, 100)))
  })
})

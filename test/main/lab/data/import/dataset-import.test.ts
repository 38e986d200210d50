import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitDataset } from '../../../../../src/main/lab/data/dataset-split'
import { defaultDatasetName, holdOutIndices, importDataset } from '../../../../../src/main/lab/data/import/dataset-import'
import { importedDatasetSources, importedDatasetSourcesInFile } from '../../../../../src/main/lab/data/import/imported-dataset-source'
import { denormalise } from '../../../../../src/main/lab/data/import/normalisation'
import { readSequenceFile } from '../../../../../src/main/lab/data/import/sequence-file'
import { initialWeights } from '../../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../../src/main/lab/model/model-spec'
import { WorkbenchStore } from '../../../../../src/main/lab/store/workbench-store'
import { createEngine } from '../../../../../src/main/lab/engines/engine-factory'
import { initialTrainState, trainEpochs, UNWATCHED } from '../../../../../src/main/lab/train/training-loop'
import { RunConfigSchema } from '../../../../../src/shared/run-config'
import { useTempDirs } from '../../../../helpers/temp-dir'

const FIXTURES = path.join(__dirname, '../../../../fixtures/import')
const fixture = (name: string) => path.join(FIXTURES, name)

/** 120 noisy sines of 20 steps around 50 ± 20 (far from [0, 1]), labelled by frequency, as a UCR file. */
function sineUcrFile(): Buffer {
  const rows: string[] = []
  for (let i = 0; i < 120; i++) {
    const cycles = i % 2 === 0 ? 1 : 2
    const values = Array.from({ length: 20 }, (_, t) => (50 + 20 * Math.sin((2 * Math.PI * cycles * t) / 20 + i)).toFixed(3))
    rows.push([cycles, ...values].join(','))
  }
  return Buffer.from(rows.join('\n') + '\n')
}

describe('importing a dataset', () => {
  const tempDir = useTempDirs()

  it('stores the normalised series with their shape, classes, provenance, hold-out and preview', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      const record = await importDataset(store.datasets, { path: fixture('long.csv') }, {}, [])
      expect(record).toMatchObject({
        name: 'long',
        title: 'long.csv',
        format: 'long-csv',
        count: 3,
        steps: 4,
        features: 2,
        featureNames: ['temperature', 'pressure'],
        classNames: ['fault', 'normal'],
        minLength: 3,
        maxLength: 4,
        testCount: 1,
        normalisation: { kind: 'min-max', offset: [5, 900], scale: [25, 103] },
        source: { file: 'long.csv', bytes: readFileSync(fixture('long.csv')).length, rows: 11, labelsFile: null, labelsSha256: null },
      })
      expect(record.source.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(Date.parse(record.createdAt)).not.toBeNaN()
      expect(store.datasets.list()).toEqual([record])

      const contents = store.datasets.contents('long')
      const original = (await readSequenceFile({ path: fixture('long.csv') })).set
      // Min-max: every feature spans exactly [0, 1], and denormalising gives the file's values back.
      expect(Math.min(...contents.data)).toBe(0)
      expect(Math.max(...contents.data)).toBe(1)
      const back = denormalise(contents.data, record.normalisation)
      back.forEach((v, i) => expect(v).toBeCloseTo(original.data[i], 3))
      expect(Array.from(contents.labels!)).toEqual([1, 0, 1])
      expect(Array.from(contents.lengths)).toEqual([4, 3, 4])
      expect(Array.from(contents.testIndices)).toEqual(Array.from(holdOutIndices(3)))
      const preview = store.datasets.preview('long')
      expect(preview.count).toBe(3)
      expect(Array.from(preview.data)).toEqual(Array.from(contents.data))
    } finally {
      store.close()
    }
  })

  it('z-scores on request', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      const record = await importDataset(store.datasets, { path: fixture('series-f32.npy') }, { normalisation: 'z-score', name: 'z' }, [])
      const { data } = store.datasets.contents('z')
      for (let f = 0; f < 2; f++) {
        const values = data.filter((_, i) => i % 2 === f)
        const mean = values.reduce((a, b) => a + b) / values.length
        const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
        expect(mean).toBeCloseTo(0, 5)
        expect(sd).toBeCloseTo(1, 5)
      }
      expect(record.normalisation.kind).toBe('z-score')
    } finally {
      store.close()
    }
  })

  it('holds out a fixed fifth of the series, at least one', () => {
    expect(Array.from(holdOutIndices(2))).toHaveLength(1)
    const held = holdOutIndices(1000)
    expect(held).toHaveLength(200)
    expect(Array.from(held)).toEqual(Array.from(held).sort((a, b) => a - b))
    expect(new Set(held).size).toBe(200)
    expect(Array.from(holdOutIndices(1000))).toEqual(Array.from(held))
  })

  it('names a dataset after its file unless told otherwise', () => {
    expect(defaultDatasetName('/data/ECG200_TRAIN.tsv')).toBe('ecg200_train')
    expect(defaultDatasetName('My Sensor Log (2024).csv')).toBe('my-sensor-log-2024')
    expect(defaultDatasetName('…')).toBe('imported')
  })

  it('writes the dataset in one transaction: a failure while storing the series leaves nothing', async () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    try {
      // A real failure inside the transaction, after the datasets row went in: the first chunk is refused.
      store.db.exec(`CREATE TRIGGER refuse_chunks BEFORE INSERT ON dataset_chunks BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
      await expect(importDataset(store.datasets, { path: fixture('ucr-comma.csv') }, {}, [])).rejects.toThrow('disk full')
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 })
    } finally {
      store.close()
    }
  })

  it('trains a tiny run on imported data and decodes back to the file units', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'db.sqlite')
    const store = WorkbenchStore.open(file)
    try {
      const record = await importDataset(store.datasets, { name: 'sines.csv', bytes: sineUcrFile() }, {}, [])
      expect(record).toMatchObject({ name: 'sines', count: 120, steps: 20, features: 1, classNames: ['1', '2'], testCount: 24 })
      const [source] = importedDatasetSources(store.datasets)
      // The training worker reads the same dataset through its own read-only connection.
      const [workerSource] = importedDatasetSourcesInFile(file)
      expect(workerSource.info()).toEqual(source.info())
      const { pool, test } = await workerSource.load()
      expect(Array.from((await source.load()).test.data)).toEqual(Array.from(test.data))
      expect([pool.count, test.count]).toEqual([96, 24])

      const config = RunConfigSchema.parse({ dataset: 'sines', epochs: 4, hiddenUnits: 16, batchSize: 16, learningRate: 0.01, klWeight: 0.001, engine: 'tfjs' })
      const splits = splitDataset(pool, test, config)
      const spec = modelSpecFor(config, record.steps, record.features)
      const engine = await createEngine(config, spec, initialWeights(spec, config.seed))
      try {
        const losses: number[] = []
        await trainEpochs(engine, config, splits, initialTrainState(config), {
          ...UNWATCHED,
          onEpoch: async (m) => void losses.push(m.loss),
        })
        expect(losses).toHaveLength(4)
        expect(losses[3]).toBeLessThan(losses[0])

        const { zMean } = await engine.encode(test.data, test.count)
        const decoded = await engine.decode(zMean, test.count)
        const inFileUnits = denormalise(decoded, record.normalisation)
        // Sigmoid outputs in (0, 1) land inside the file's range, 30 to 70 here…
        const [lo, hi] = [record.normalisation.offset[0], record.normalisation.offset[0] + record.normalisation.scale[0]]
        expect(lo).toBeCloseTo(30, 1)
        expect(hi).toBeCloseTo(70, 1)
        for (const v of inFileUnits) expect(v > lo && v < hi).toBe(true)
        // …and errors scale with it: squared error in file units = squared error in model units × scale².
        const original = denormalise(test.data, record.normalisation)
        let modelUnits = 0
        let fileUnits = 0
        for (let i = 0; i < decoded.length; i++) {
          modelUnits += (decoded[i] - test.data[i]) ** 2
          fileUnits += (inFileUnits[i] - original[i]) ** 2
        }
        expect(fileUnits / modelUnits).toBeCloseTo(record.normalisation.scale[0] ** 2, 0)
      } finally {
        engine.dispose()
      }
    } finally {
      store.close()
    }
  })
})

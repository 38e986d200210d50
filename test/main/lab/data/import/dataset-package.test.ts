import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { decodeDatasetPackage, packagedDatasetSource, packageImportedDataset, sha256Of } from '../../../../../src/main/lab/data/import/dataset-package'
import { importedDatasetSources } from '../../../../../src/main/lab/data/import/imported-dataset-source'
import { Lab } from '../../../../../src/main/lab/lab'
import { WorkbenchStore } from '../../../../../src/main/lab/store/workbench-store'
import { openStore } from '../../../../helpers/open-store'
import { useTempDirs } from '../../../../helpers/temp-dir'

const STEPS = 6
const COUNT = 10

function storeWithDataset(dir: string): WorkbenchStore {
  const store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  store.datasets.insert({
    name: 'pump',
    title: 'pump.csv',
    format: 'long-csv',
    count: COUNT,
    steps: STEPS,
    features: 2,
    featureNames: ['pressure', 'flow'],
    classNames: null,
    normalisation: { kind: 'z-score', offset: [1, 2], scale: [3, 4] },
    source: { file: 'pump.csv', sha256: 'ab'.repeat(32), bytes: 999, rows: 120, labelsFile: null, labelsSha256: null },
    data: Float32Array.from({ length: COUNT * STEPS * 2 }, (_, i) => Math.sin(i) * 1e-3 + (i === 7 ? -0 : 0)),
    labels: null,
    lengths: new Int32Array(COUNT).fill(STEPS),
    testIndices: Int32Array.of(2, 7),
    previewCount: 1,
    preview: new Float32Array(STEPS * 2),
  })
  return store
}

describe('an imported dataset packaged for a queue worker', () => {
  const tempDir = useTempDirs()

  it('loads on a machine without the database exactly as it loads from it', async () => {
    const dir = tempDir()
    const store = storeWithDataset(dir)
    const { bytes, sha256 } = packageImportedDataset(store.datasets, 'pump')
    expect(sha256).toBe(sha256Of(bytes))
    // Packaging the same dataset again gives the same bytes: its address is stable.
    expect(packageImportedDataset(store.datasets, 'pump').sha256).toBe(sha256)
    const file = path.join(dir, `${sha256}.dataset`)
    writeFileSync(file, bytes)
    const fromPackage = packagedDatasetSource(file)
    const fromDatabase = importedDatasetSources(store.datasets)[0]
    expect(fromPackage.info()).toEqual(fromDatabase.info())
    expect(await fromPackage.load()).toEqual(await fromDatabase.load())
    store.close()
  })

  it('refuses bytes that are not a whole, consistent dataset', () => {
    const dir = tempDir()
    const store = storeWithDataset(dir)
    const { record, contents } = decodeDatasetPackage(packageImportedDataset(store.datasets, 'pump').bytes)
    store.close()
    expect(() => decodeDatasetPackage(Buffer.from('hello'))).toThrow(/^the dataset package is not readable|^the dataset package is malformed/)
    expect(() => decodeDatasetPackage(serialize({ record, contents: { ...contents, data: new Float32Array(3) } }))).toThrow(
      `the dataset package for "pump" is inconsistent: it holds 3 values for ${COUNT} series of ${STEPS} × 2`,
    )
    expect(() => decodeDatasetPackage(serialize({ record, contents: { ...contents, testIndices: Int32Array.of(7, 2) } }))).toThrow('its test indices are not ascending series numbers')
    expect(() => decodeDatasetPackage(serialize({ record: { ...record, steps: 'six' }, contents }))).toThrow(/^the dataset package is malformed/)
  })

  it('carries a dataset cut from a recording: its windows and their time order load as from the database', async () => {
    const dataDir = tempDir()
    const lab = Lab.open({ dataDir })
    await lab.importDatasetFile(path.join(__dirname, '../../../../fixtures/import/tables/recording-gaps.csv'), { name: 'gappy', window: 4, stride: 2, missing: 'interpolate' })
    await lab.close()
    const store = openStore(dataDir)
    try {
      const { bytes, sha256 } = packageImportedDataset(store.datasets, 'gappy')
      const file = path.join(dataDir, `${sha256}.dataset`)
      writeFileSync(file, bytes)
      const fromDatabase = await importedDatasetSources(store.datasets)[0].load()
      const fromPackage = await packagedDatasetSource(file).load()
      expect(fromDatabase.timeOrder).toBeDefined()
      expect(fromPackage).toEqual(fromDatabase)
    } finally {
      store.close()
    }
  })
})

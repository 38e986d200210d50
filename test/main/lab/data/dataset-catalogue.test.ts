import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatasetCatalogue } from '../../../../src/main/lab/data/dataset-catalogue'
import { holdOutIndices } from '../../../../src/main/lab/data/import/dataset-import'
import { readSequenceFile } from '../../../../src/main/lab/data/import/sequence-file'
import { syntheticSineSources } from '../../../../src/main/lab/data/synthetic-sines'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { isUserError } from '../../../../src/shared/errors'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'

const FIXTURES = path.join(__dirname, '../../../fixtures/import')
const upload = (file: string, name = path.basename(file)) => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, file))) })

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<{ kind: string; message: string }> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (e) {
    expect(isUserError(e), String(e)).toBe(true)
    return { kind: (e as { kind: string }).kind, message: (e as Error).message }
  }
  throw new Error('expected a UserError')
}

describe('the dataset catalogue', () => {
  const tempDir = useTempDirs()
  const open = () => {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    return { store, catalogue: new DatasetCatalogue(store.datasets, store.runs) }
  }

  it('imports an upload and describes it in full: provenance, normalisation, suggestion, preview in the file\'s units', async () => {
    const { store, catalogue } = open()
    try {
      const file = upload('long.csv', 'plant sensors.csv')
      const detail = await catalogue.import(file, { normalisation: 'z-score', name: 'plant' })
      expect(detail).toMatchObject({
        name: 'plant',
        title: 'plant sensors.csv',
        steps: 4,
        features: 2,
        trainCount: 2,
        testCount: 1,
        classNames: ['fault', 'normal'],
        kind: 'series',
        available: true,
        imported: true,
        suggestedConfig: { likelihood: 'gaussian' },
        featureNames: ['temperature', 'pressure'],
        minLength: 3,
        maxLength: 4,
        source: { file: 'plant sensors.csv', bytes: file.bytes.length, rows: 11, labelsFile: null, labelsSha256: null },
      })
      expect(detail.source!.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'))
      expect(detail.normalisation!.kind).toBe('z-score')
      expect(Date.parse(detail.createdAt!)).not.toBeNaN()

      // The preview is the training pool (the series not held out), in the file's own units.
      const original = (await readSequenceFile(file)).set
      const held = new Set(holdOutIndices(3))
      const pool = [0, 1, 2].filter((i) => !held.has(i))
      expect(detail.preview).toMatchObject({ count: pool.length, steps: 4, features: 2 })
      expect(Array.from(detail.preview.labels)).toEqual(pool.map((i) => original.labels![i]))
      pool.forEach((k, i) => {
        const expected = original.data.subarray(k * 8, (k + 1) * 8)
        Array.from(detail.preview.data.subarray(i * 8, (i + 1) * 8)).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 3))
      })

      expect(catalogue.list().find((d) => d.name === 'plant')).toEqual(
        Object.fromEntries(Object.entries(detail).filter(([k]) => ['name', 'title', 'steps', 'features', 'trainCount', 'testCount', 'classNames', 'kind', 'available', 'imported', 'suggestedConfig'].includes(k))),
      )
      expect(await catalogue.detail('plant')).toEqual(detail)
      // Min-max and unnormalised imports suggest the Bernoulli likelihood.
      expect((await catalogue.import(upload('ucr-comma.csv'))).suggestedConfig).toEqual({ likelihood: 'bernoulli' })
      expect((await catalogue.import(upload('ucr-comma.csv'), { name: 'raw', normalisation: 'none' })).suggestedConfig).toEqual({ likelihood: 'bernoulli' })
    } finally {
      store.close()
    }
  })

  it('imports an npy file with its labels file', async () => {
    const { store, catalogue } = open()
    try {
      const detail = await catalogue.import(upload('series-f32.npy'), undefined, upload('labels-i64.npy'))
      expect(detail.source).toMatchObject({ file: 'series-f32.npy', labelsFile: 'labels-i64.npy' })
      expect(detail.preview.labels.every((l) => l >= 0)).toBe(true)
    } finally {
      store.close()
    }
  })

  it('refuses malformed files, taken names and bad options with one sentence, and stores nothing', async () => {
    const { store, catalogue } = open()
    try {
      await catalogue.import(upload('ucr-comma.csv'), { name: 'ecg' })
      // Each call is made in turn, so one failing expectation leaves no other promise unawaited.
      const cases: [() => Promise<unknown>, string, string][] = [
        [() => catalogue.import(upload('malformed/text-in-number.csv')), 'invalid', 'text-in-number.csv, line 2, column 4: "abc" is not a finite number'],
        [() => catalogue.import(upload('ucr-comma.csv'), { name: 'ecg' }), 'conflict', 'a dataset named "ecg" already exists; choose another name'],
        [() => catalogue.import(upload('ucr-comma.csv'), { name: 'mnist' }), 'conflict', '"mnist" is a built-in dataset; choose another name'],
        [() => catalogue.import(upload('ucr-comma.csv'), { normalisation: 'log' as never }), 'invalid', 'normalisation must be one of: min-max, z-score, none'],
        [() => catalogue.import({ name: 'x.csv', bytes: [1, 2] as never }), 'invalid', "bytes must be the file's contents as a Uint8Array"],
        [() => catalogue.import(upload('ucr-comma.csv'), {}, upload('labels-i64.npy')), 'invalid', 'a labels file goes with .npy data only; UCR files have the label in their first column'],
      ]
      for (const [call, kind, message] of cases) expect(await failure(call)).toEqual({ kind, message })
      expect(store.datasets.list().map((d) => d.name)).toEqual(['ecg'])
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM dataset_chunks').get()).toEqual({ n: 1 })
    } finally {
      store.close()
    }
  })

  it('describes built-in datasets with nulls for what only imports have, and a preview of their training pool', async () => {
    const { store, catalogue } = open()
    try {
      const detail = await catalogue.detail('synthetic-sines-anomalies')
      expect(detail).toMatchObject({
        name: 'synthetic-sines-anomalies',
        imported: false,
        suggestedConfig: { klWeight: 0.001, learningRate: 0.01, bidirectional: true },
        featureNames: null,
        normalisation: null,
        source: null,
        createdAt: null,
        minLength: 32,
        maxLength: 32,
      })
      const { pool } = await syntheticSineSources()[1].load()
      expect(detail.preview.count).toBe(8)
      expect(detail.preview.data).toEqual(pool.data.subarray(0, 8 * 32))
      expect(detail.preview.labels).toEqual(pool.labels!.subarray(0, 8))
      const mnist = await catalogue.detail('mnist')
      expect(mnist.suggestedConfig).toEqual({})
      // MNIST's preview is read from the start of its files: the first eight training digits.
      expect([mnist.preview.count, mnist.preview.steps, mnist.preview.features]).toEqual([8, 28, 28])
      expect(Array.from(mnist.preview.labels)).toEqual([5, 0, 4, 1, 9, 2, 1, 3])
      expect(await failure(catalogue.detail('nope'))).toEqual({
        kind: 'not-found',
        message: 'unknown dataset "nope"; available: mnist, fashion-mnist, synthetic-sines, synthetic-sines-anomalies',
      })
    } finally {
      store.close()
    }
  })

  it('deletes an imported dataset no run uses; refuses built-ins, unknown names and datasets in use', async () => {
    const { store, catalogue } = open()
    try {
      await catalogue.import(upload('ucr-comma.csv'), { name: 'ecg' })
      const a = store.runs.create({ ...DEFAULT_RUN_CONFIG, dataset: 'ecg' }, 'a')
      const b = store.runs.create({ ...DEFAULT_RUN_CONFIG, dataset: 'ecg' }, 'b')
      expect(await failure(() => catalogue.delete('ecg'))).toEqual({
        kind: 'conflict',
        message: `dataset "ecg" cannot be deleted while runs ${a.id}, ${b.id} use it; delete those runs first`,
      })
      store.runs.delete(a.id)
      expect(await failure(() => catalogue.delete('ecg'))).toEqual({
        kind: 'conflict',
        message: `dataset "ecg" cannot be deleted while run ${b.id} uses it; delete that run first`,
      })
      store.runs.delete(b.id)
      catalogue.delete('ecg')
      expect(catalogue.list().map((d) => d.name)).not.toContain('ecg')
      expect(await failure(() => catalogue.delete('synthetic-sines'))).toEqual({
        kind: 'conflict',
        message: '"synthetic-sines" is a built-in dataset; only imported datasets can be deleted',
      })
      expect((await failure(() => catalogue.delete('ecg'))).kind).toBe('not-found')
      // The name is free again.
      expect((await catalogue.import(upload('ucr-comma.csv'), { name: 'ecg' })).name).toBe('ecg')
    } finally {
      store.close()
    }
  })
})

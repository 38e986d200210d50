import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatasetCatalogue } from '../../../../src/main/lab/data/dataset-catalogue'
import { resolveRunConfig } from '../../../../src/main/lab/data/run-config-resolution'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { isUserError } from '../../../../src/shared/errors'
import { DEFAULT_RUN_CONFIG, type RunConfigInput } from '../../../../src/shared/run-config'
import { useTempDirs } from '../../../helpers/temp-dir'

const ucr = (rows: number[][]) => ({ name: 'data.csv', bytes: new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n')) })
const IN_UNIT_RANGE = ucr([[1, 0, 0.5, 1], [2, 0.2, 0.4, 0.9], [1, 0.1, 0.3, 0.6]])
const OUTSIDE = ucr([[1, -3, 0.5, 12], [2, 0.2, 0.4, 0.9], [1, 0.1, 0.3, 0.6]])

describe('resolving a run config', () => {
  const tempDir = useTempDirs()

  async function withCatalogue(work: (resolve: (input: RunConfigInput) => unknown) => Promise<void>): Promise<void> {
    const store = WorkbenchStore.open(path.join(tempDir(), 'db.sqlite'))
    const catalogue = new DatasetCatalogue(store.datasets, store.runs)
    await catalogue.import(IN_UNIT_RANGE, { name: 'scaled' })
    await catalogue.import(OUTSIDE, { name: 'zscored', normalisation: 'z-score' })
    await catalogue.import(IN_UNIT_RANGE, { name: 'raw-unit', normalisation: 'none' })
    await catalogue.import(OUTSIDE, { name: 'raw-wide', normalisation: 'none' })
    try {
      await work((input) => resolveRunConfig(input, catalogue, store.datasets))
    } finally {
      store.close()
    }
  }

  const message = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      expect(isUserError(e)).toBe(true)
      return (e as Error).message
    }
    throw new Error('expected a UserError')
  }

  it("puts the dataset's suggestions under the caller's fields and the defaults under both", () =>
    withCatalogue(async (resolve) => {
      expect(resolve({})).toEqual(DEFAULT_RUN_CONFIG)
      expect(resolve({ dataset: 'synthetic-sines' })).toEqual({ ...DEFAULT_RUN_CONFIG, dataset: 'synthetic-sines', klWeight: 0.001, learningRate: 0.01, bidirectional: true })
      expect(resolve({ dataset: 'synthetic-sines', klWeight: 0.02, learningRate: undefined })).toEqual({
        ...DEFAULT_RUN_CONFIG,
        dataset: 'synthetic-sines',
        klWeight: 0.02,
        learningRate: 0.01,
        bidirectional: true,
      })
      expect(resolve({ dataset: 'zscored' })).toMatchObject({ likelihood: 'gaussian', klWeight: 0.01 })
      expect(resolve({ dataset: 'scaled', bidirectional: true })).toMatchObject({ likelihood: 'bernoulli', bidirectional: true })
      expect(resolve({ dataset: 'raw-unit' })).toMatchObject({ likelihood: 'bernoulli' })
      expect(resolve({ dataset: 'scaled', likelihood: 'gaussian' })).toMatchObject({ likelihood: 'gaussian' })
    }))

  it('refuses a Bernoulli likelihood for values outside [0, 1], and bad configs, with one sentence', () =>
    withCatalogue(async (resolve) => {
      expect(message(() => resolve({ dataset: 'zscored', likelihood: 'bernoulli' }))).toBe(
        'dataset "zscored" is z-scored, so its values lie outside [0, 1] where a Bernoulli likelihood has no meaning; use likelihood "gaussian" (squared error), or import it again with min-max normalisation',
      )
      expect(message(() => resolve({ dataset: 'raw-wide' }))).toBe(
        'dataset "raw-wide" holds values outside [0, 1] (such as -3) where a Bernoulli likelihood has no meaning; use likelihood "gaussian" (squared error), or import it again with min-max normalisation',
      )
      expect(resolve({ dataset: 'raw-wide', likelihood: 'gaussian' })).toMatchObject({ likelihood: 'gaussian' })
      expect(message(() => resolve({ dataset: 'nope' }))).toMatch(/^unknown dataset "nope"; available: mnist, /)
      expect(message(() => resolve({ dataset: 'synthetic-sines', klWeight: 2 }))).toMatch(/^klWeight must be/)
      expect(message(() => resolve({ likelihood: 'poisson' } as never))).toBe('likelihood must be one of: bernoulli, gaussian')
    }))
})

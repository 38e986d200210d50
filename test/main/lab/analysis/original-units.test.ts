import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EvaluationSetCache } from '../../../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../../../src/main/lab/data/dataset-registry'
import { holdOutIndices } from '../../../../src/main/lab/data/import/dataset-import'
import { readSequenceFile } from '../../../../src/main/lab/data/import/sequence-file'
import type { SequenceSet } from '../../../../src/main/lab/data/sequence-set'
import { Lab } from '../../../../src/main/lab/lab'
import type { RunId, SequenceBatch } from '../../../../src/shared/api'
import type { UploadedFile } from '../../../../src/shared/datasets'
import { isUserError } from '../../../../src/shared/errors'
import { openStore } from '../../../helpers/open-store'
import { storeFinishedRun } from './inspected-runs'

/**
 * An imported dataset is trained in normalised units but shown in the file's: every sequence a view
 * returns must come back in the units of the uploaded file, while errors stay in model units.
 */

const COUNT = 100
const STEPS = 12

/** Sines around 100 ± 30 of 10 or 14 samples (so every series is resampled to 12), labelled by length. */
function sensorFile(): UploadedFile {
  const rows = Array.from({ length: COUNT }, (_, i) => {
    const length = i % 2 === 0 ? 10 : 14
    const values = Array.from({ length }, (_, t) => (100 + 30 * Math.sin((2 * Math.PI * t) / length + i / 9)).toFixed(3))
    // UCR rows share one width: shorter series end in NaN.
    return [i % 2, ...values, ...new Array(14 - length).fill('NaN')].join(',')
  })
  return { name: 'sensor.csv', bytes: new TextEncoder().encode(rows.join('\n') + '\n') }
}

let dir: string
let lab: Lab
let runId: RunId
let file: SequenceSet
/** The file's resampled values of test sample k (the k-th held-out series), [steps]. */
const testSeries = (k: number) => {
  const i = holdOutIndices(COUNT)[k]
  return file.data.subarray(i * STEPS, (i + 1) * STEPS)
}
const range = (b: SequenceBatch) => [Math.min(...b.data), Math.max(...b.data)]
const MIN = 70
const MAX = 130

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-units-'))
  lab = Lab.open({ dataDir: dir })
  const upload = sensorFile()
  await lab.importDataset(upload, { steps: STEPS })
  file = (await readSequenceFile(upload, { steps: STEPS })).set
  const run = await lab.createRun({ dataset: 'sensor', epochs: 1, hiddenUnits: 8, batchSize: 16 })
  expect((await lab.waitForRun(run.id)).status).toBe('finished')
  runId = run.id
}, 60_000)

afterAll(async () => {
  await lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("an imported dataset's views", () => {
  it("show inputs as the file's values (resampled) and reconstructions in the file's range; errors stay in model units", async () => {
    const page = await lab.getReconstructions(runId, { order: 'best', limit: 20 })
    expect(page.metric).toBe('bce')
    expect(page.inputs.count).toBe(20)
    page.items.forEach((item, i) => {
      const expected = testSeries(item.index)
      Array.from(page.inputs.data.subarray(i * STEPS, (i + 1) * STEPS)).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 3))
      // The sample's stored error is the mean of its error map: both in model units, where BCE is defined.
      const map = page.errorMaps.data.subarray(i * STEPS, (i + 1) * STEPS)
      expect(map.reduce((a, b) => a + b, 0) / STEPS).toBeCloseTo(item.error, 5)
    })
    const [lo, hi] = range(page.reconstructions)
    expect(lo).toBeGreaterThanOrEqual(MIN - 1e-3)
    expect(hi).toBeLessThanOrEqual(MAX + 1e-3)
    expect(hi).toBeGreaterThan(1)
  })

  it('decode, generate, traverse and interpolate in the same units', async () => {
    const batches = [
      await lab.decode(runId, new Float32Array([0, 0, 0, 1, -1, 0.5]), 2),
      (await lab.samplePrior(runId, { count: 8 })).decoded,
      (await lab.decodePoints(runId, new Float32Array(3), 1)).decoded,
      (await lab.probeRadii(runId, { radii: [0, 3], directions: 2 })).decoded,
      (await lab.traverse(runId, { steps: 3 })).decoded,
      (await lab.interpolate(runId, { fromIndex: 0, toIndex: 1, steps: 3 })).decoded,
    ]
    for (const batch of batches) {
      const [lo, hi] = range(batch)
      expect(lo).toBeGreaterThanOrEqual(MIN - 1e-3)
      expect(hi).toBeLessThanOrEqual(MAX + 1e-3)
      expect(hi).toBeGreaterThan(1)
    }
    const { endpoints } = await lab.interpolate(runId, { fromIndex: 2, toIndex: 3, steps: 2 })
    Array.from(endpoints.data.subarray(0, STEPS)).forEach((v, t) => expect(v).toBeCloseTo(testSeries(2)[t], 3))
    const across = await lab.getSampleAcrossRuns([runId], 4)
    Array.from(across.input.data).forEach((v, t) => expect(v).toBeCloseTo(testSeries(4)[t], 3))
    const inRun = across.runs[0]
    expect(inRun.evaluated && range(inRun.reconstruction)[1]).toBeGreaterThan(1)
  })
})

describe('a Gaussian run', () => {
  it('ranks reconstructions by mse by default and refuses bce with a sentence that says so', async () => {
    const sets = new EvaluationSetCache((name) => findDataset(name))
    const store = openStore(dir)
    const id = await storeFinishedRun(store, sets, { dataset: 'synthetic-sines', likelihood: 'gaussian', hiddenUnits: 8, evalLimit: 50 }).finally(() => store.close())
    expect((await lab.getReconstructions(id, { limit: 2 })).metric).toBe('mse')
    let error: unknown
    try {
      await lab.getReconstructions(id, { metric: 'bce' })
    } catch (e) {
      error = e
    }
    expect(isUserError(error)).toBe(true)
    expect((error as Error).message).toBe(`run ${id} has a Gaussian likelihood, so its reconstructions have no BCE; rank them by mse`)
  })
})

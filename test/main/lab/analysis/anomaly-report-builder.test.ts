import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AnomalyReportBuilder, defaultAnomalyClasses } from '../../../../src/main/lab/analysis/anomaly-report-builder'
import { scoreWithWeights } from '../../../../src/main/lab/analysis/anomaly-scores'
import { detectionCurves } from '../../../../src/main/lab/analysis/detection-curves'
import { EvaluationSetCache } from '../../../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../../../src/main/lab/data/dataset-registry'
import { selectSequences, type SequenceSet } from '../../../../src/main/lab/data/sequence-set'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import type { RunId } from '../../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { storeFinishedRun } from './inspected-runs'
import { userError } from '../../../helpers/user-error'

const RUN = { dataset: 'synthetic-sines-anomalies', hiddenUnits: 8, evalLimit: 400 }

let dir: string
let store: WorkbenchStore
let builder: AnomalyReportBuilder
let evaluation: SequenceSet
let runId: RunId
let gaussianId: RunId

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-anomaly-'))
  store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  const sets = new EvaluationSetCache((name) => findDataset(name))
  builder = new AnomalyReportBuilder(store, sets)
  runId = await storeFinishedRun(store, sets, RUN)
  gaussianId = await storeFinishedRun(store, sets, { ...RUN, likelihood: 'gaussian', evalLimit: 100 })
  evaluation = selectSequences(await sets.testSet(RUN.dataset), Int32Array.from({ length: RUN.evalLimit }, (_, i) => i))
})

afterAll(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('default anomaly classes', () => {
  it('are the classes named like anomalies, else every class present but the most common', () => {
    expect(defaultAnomalyClasses(Int32Array.from([0, 0, 1]), ['normal', 'anomalous'])).toEqual([1])
    expect(defaultAnomalyClasses(Int32Array.from([0, 1, 1, 2]), ['Outlier', 'ok', 'Abnormal'])).toEqual([0, 2])
    // "normal" alone, or a word that merely contains one of the names, does not count.
    expect(defaultAnomalyClasses(Int32Array.from([0, 0, 1, 2, 2, 2]), ['normal', 'anomaly-free', 'sinus'])).toEqual([0, 1])
    expect(defaultAnomalyClasses(Int32Array.from([3, 1, 1, 3]), null)).toEqual([3])
    expect(defaultAnomalyClasses(Int32Array.from([-1, -1]), null)).toEqual([])
    expect(defaultAnomalyClasses(Int32Array.from([2, 2]), ['a', 'b', 'c'])).toEqual([])
  })
})

describe('an anomaly report', () => {
  it("scores the run's evaluation set with its final weights and separates the anomalous class", async () => {
    const report = await builder.report(runId)
    const config = store.runs.get(runId).config
    const expected = await scoreWithWeights(config, store.artifacts.finalWeights(runId)!, evaluation, { samples: 16, seed: 0 })
    expect(report).toMatchObject({ runId, score: 'max-step-mse', samples: 16, count: 400, steps: 32, anomalyClasses: [1], classNames: ['normal', 'anomalous'] })
    expect(report.indices).toEqual(Int32Array.from({ length: 400 }, (_, i) => i))
    expect(report.labels).toEqual(evaluation.labels)
    expect(report.scores).toEqual(expected.maxStepMse)
    expect(report.stepScores).toEqual(expected.stepMse)

    const flags = Array.from(evaluation.labels!, (l) => l === 1)
    const curves = detectionCurves(expected.maxStepMse, flags)
    const wire = report.curves!
    expect(wire.positives).toBe(flags.filter(Boolean).length)
    expect(wire.positives + wire.negatives).toBe(400)
    expect(wire.thresholds).toEqual(Float32Array.from(curves.thresholds))
    expect(wire.truePositives).toEqual(curves.truePositives)
    for (const key of ['fpr', 'tpr', 'precision', 'recall'] as const) expect(wire[key]).toBeInstanceOf(Float32Array)
    expect(wire.tpr.length).toBe(wire.thresholds.length)
    expect(wire.rocAuc).toBe(curves.rocAuc)
    expect(Object.keys(report.summary!)).toEqual(['max-step-mse', 'mse', 'bce', 'nll'])
    expect(report.summary!['max-step-mse']).toEqual({ rocAuc: curves.rocAuc, averagePrecision: curves.averagePrecision })
    expect(report.summary!.nll!.rocAuc).toBe(detectionCurves(expected.nll, flags).rocAuc)
  })

  it('reuses the scores for another score or other classes, and scores again for another number of draws', async () => {
    const first = await builder.report(runId, { score: 'mse' })
    const again = await builder.report(runId, { score: 'mse', anomalyClasses: [0] })
    expect(again.scores).toBe(first.scores)
    expect(again.anomalyClasses).toEqual([0])
    expect(again.curves!.positives).toBe(first.curves!.negatives)
    const nll = await builder.report(runId, { score: 'nll' })
    expect(nll.stepScores).not.toBe(first.stepScores)
    expect(nll.stepScores.length).toBe(400 * 32)
    const fewer = await builder.report(runId, { score: 'nll', samples: 2 })
    expect(fewer.samples).toBe(2)
    expect(fewer.scores).not.toEqual(nll.scores)
    // Unchanged ranking inputs: the summary does not depend on which score the report shows.
    expect(fewer.summary!.mse).toEqual(first.summary!.mse)
  })

  it('has no curves when nothing is to be separated', async () => {
    const none = await builder.report(runId, { anomalyClasses: [] })
    expect(none).toMatchObject({ anomalyClasses: [], curves: null, summary: null })
    const all = await builder.report(runId, { anomalyClasses: [0, 1] })
    expect(all).toMatchObject({ curves: null, summary: null })
  })

  it('gives a Gaussian run every score but BCE', async () => {
    const report = await builder.report(gaussianId, { score: 'mse' })
    expect(Object.keys(report.summary ?? {})).toEqual(['max-step-mse', 'mse', 'nll'])
    expect(await userError(builder.report(gaussianId, { score: 'bce' }))).toBe(
      `run ${gaussianId} has a Gaussian likelihood, so it has no BCE score; use max-step-mse, mse, nll`,
    )
  })

  it('refuses unfinished runs, unknown classes and bad queries with one sentence', async () => {
    const queued = store.runs.create({ ...DEFAULT_RUN_CONFIG, ...RUN }, 'queued')
    expect(await userError(builder.report(queued.id), 'conflict')).toBe(`run ${queued.id} is queued; anomaly scores need a finished run's final weights`)
    expect(await userError(builder.report(runId, { anomalyClasses: [2] }))).toBe(
      'anomalyClasses must be class labels of dataset "synthetic-sines-anomalies" (0 to 1); it has no class 2',
    )
    expect(await userError(builder.report(runId, { samples: 0 }))).toBe('samples must be an integer between 1 and 256')
    expect(await userError(builder.report(9999), 'not-found')).toMatch(/^run 9999 does not exist/)
  })
})

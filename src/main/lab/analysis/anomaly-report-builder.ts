import type { RunId } from '../../../shared/api'
import {
  ANOMALY_SCORES,
  AnomalyQuerySchema,
  type AnomalyQueryInput,
  type AnomalyReport,
  type AnomalyScoreKind,
} from '../../../shared/anomaly-report'
import { UserError } from '../../../shared/errors'
import { findKnownDataset } from '../data/import/imported-dataset-source'
import { evaluationSubset } from '../data/dataset-split'
import type { SequenceSet } from '../data/sequence-set'
import type { StoredRun } from '../store/run-repository'
import type { WorkbenchStore } from '../store/workbench-store'
import { scoreWithWeights, type AnomalyScores } from './anomaly-scores'
import { detectionCurves } from './detection-curves'
import { curvesToWire, recordingTimeline } from './recording-timeline'
import { layoutStarts } from '../data/recording-windows'
import { denormalise } from '../data/import/normalisation'
import type { RecordingTimeline } from '../../../shared/recordings'
import type { EvaluationSetCache } from './evaluation-set-cache'
import { parseQuery } from './view-query'
import { UNWATCHED_JOB, type AnalysisJob } from './analysis-job'

/** Scored evaluation sets kept in memory: moving a threshold or switching score re-reads these. */
const CACHED_SCORE_SETS = 4
/** Fixes the ε of the Monte-Carlo draws, so a report is the same every time it is asked for. */
const SCORE_SEED = 0
/** Class names that say "this is the anomaly" (anomalous, anomaly, abnormal, outlier, outliers). */
const ANOMALY_NAME = /^(anomal(y|ies|ous)|abnormal|outliers?)$/i

const SCORE_ARRAYS: Record<AnomalyScoreKind, keyof AnomalyScores> = {
  'max-step-mse': 'maxStepMse',
  mse: 'mse',
  bce: 'bce',
  nll: 'nll',
}

/** Scores a run can give: a Gaussian likelihood has no BCE. */
export function supportedScores(run: StoredRun): AnomalyScoreKind[] {
  return ANOMALY_SCORES.filter((s) => s !== 'bce' || run.config.likelihood !== 'gaussian')
}

/**
 * Default anomaly classes: those named like anomalies; otherwise every class present but the most
 * common one (anomalies are rare by definition; on a tie the lower label counts as normal).
 */
export function defaultAnomalyClasses(labels: Int32Array, classNames: readonly string[] | null): number[] {
  const named = (classNames ?? []).flatMap((name, label) => (ANOMALY_NAME.test(name.trim()) ? [label] : []))
  if (named.length > 0) return named
  const counts = new Map<number, number>()
  for (const l of labels) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1)
  if (counts.size === 0) return []
  const present = [...counts.keys()].sort((a, b) => a - b)
  const normal = present.reduce((best, l) => (counts.get(l)! > counts.get(best)! ? l : best))
  return present.filter((l) => l !== normal)
}

/**
 * A finished run as an anomaly detector over its evaluation set (the test samples it encoded):
 * every score per sample and per step, and how well each separates the anomaly classes. Scoring
 * decodes `samples` draws of z per sample, so the scores are cached per (run, samples) and a
 * report for another score or other anomaly classes is immediate.
 */
export class AnomalyReportBuilder {
  private readonly scored = new Map<string, Promise<AnomalyScores>>()

  constructor(
    private readonly store: WorkbenchStore,
    private readonly evaluationSets: EvaluationSetCache,
  ) {}

  async report(runId: RunId, query?: AnomalyQueryInput, job: AnalysisJob = UNWATCHED_JOB): Promise<AnomalyReport> {
    const q = parseQuery(AnomalyQuerySchema, query)
    const run = this.store.runs.get(runId)
    const supported = supportedScores(run)
    if (!supported.includes(q.score)) {
      throw new UserError(`run ${runId} has a Gaussian likelihood, so it has no BCE score; use ${supported.join(', ')}`)
    }
    if (run.status !== 'finished' || !this.store.artifacts.hasFinalWeights(runId)) {
      const why = run.status === 'finished' ? 'finished without final weights' : run.status
      throw new UserError(`run ${runId} is ${why}; anomaly scores need a finished run's final weights`, 'conflict')
    }
    const classNames = findKnownDataset(this.store.datasets, run.config.dataset).info().classNames
    const set = await this.evaluationSet(run)
    const scores = await this.scores(run, set, q.samples, job)
    const labels = set.labels ?? new Int32Array(set.count).fill(-1)
    const labelled = labels.some((l) => l >= 0)
    const classCount = classNames?.length ?? 0
    if (q.anomalyClasses && !labelled) throw new UserError(`run ${runId}'s evaluation samples have no labels, so no class can be called anomalous`)
    const outside = q.anomalyClasses?.find((c) => classNames !== null && c >= classCount)
    if (outside !== undefined) {
      throw new UserError(`anomalyClasses must be class labels of dataset "${run.config.dataset}" (0 to ${classCount - 1}); it has no class ${outside}`)
    }
    const anomalyClasses = labelled ? [...new Set(q.anomalyClasses ?? defaultAnomalyClasses(labels, classNames))].sort((a, b) => a - b) : []
    const isAnomaly = Array.from(labels, (l) => anomalyClasses.includes(l))
    const positives = isAnomaly.filter(Boolean).length
    const separable = labelled && positives > 0 && positives < labels.length
    // Every supported score's curves, once: the summary compares them and the chosen one is drawn.
    const curves = separable ? new Map(supported.map((score) => [score, detectionCurves(scores[SCORE_ARRAYS[score]] as Float32Array, isAnomaly)])) : null
    return {
      runId,
      score: q.score,
      samples: q.samples,
      count: scores.count,
      steps: scores.steps,
      indices: Int32Array.from({ length: set.count }, (_, i) => i),
      labels,
      scores: scores[SCORE_ARRAYS[q.score]] as Float32Array,
      stepScores: q.score === 'nll' ? scores.stepNll : scores.stepMse,
      anomalyClasses,
      classNames,
      curves: curves ? curvesToWire(curves.get(q.score)!) : null,
      summary: curves ? Object.fromEntries([...curves].map(([score, { rocAuc, averagePrecision }]) => [score, { rocAuc, averagePrecision }])) : null,
      timeline: this.timeline(run, set.count, q.score === 'nll' ? scores.stepNll : scores.stepMse),
    }
  }

  /** For a recording's windows: the evaluation span with its per-timestamp score (analysis/recording-timeline.ts). */
  private timeline(run: StoredRun, windows: number, stepScores: Float32Array): RecordingTimeline | null {
    const recording = this.store.datasets.recordings.find(run.config.dataset)
    if (!recording) return null
    const record = this.store.datasets.get(run.config.dataset)
    const starts = layoutStarts(recording.layout).test.subarray(0, windows)
    return recordingTimeline(stepScores, starts, recording.layout.window, {
      timeFormat: recording.timeFormat,
      featureNames: record.featureNames,
      times: recording.times,
      values: denormalise(this.store.datasets.contents(record.name).data, record.normalisation),
      labels: recording.labels,
    })
  }

  /** Drops a deleted run's scores. */
  forget(runId: RunId): void {
    for (const key of [...this.scored.keys()]) if (key.startsWith(`${runId}:`)) this.scored.delete(key)
  }

  /** The test samples the run encoded: the first `evalLimit` of the dataset's test set (all without a limit). */
  private async evaluationSet(run: StoredRun): Promise<SequenceSet> {
    return evaluationSubset(await this.evaluationSets.testSet(run.config.dataset), run.config.evalLimit).set
  }

  /** A cancelled job's scoring fails and leaves the cache, so the next request starts afresh. */
  private scores(run: StoredRun, set: SequenceSet, samples: number, job: AnalysisJob): Promise<AnomalyScores> {
    const key = `${run.id}:${samples}`
    const cached = this.scored.get(key)
    if (cached) {
      this.scored.delete(key)
      this.scored.set(key, cached)
      return cached
    }
    const weights = this.store.artifacts.finalWeights(run.id)
    if (!weights) throw new UserError(`run ${run.id} has no final weights to score with`, 'not-found')
    const scoring = scoreWithWeights(run.config, weights, set, { samples, seed: SCORE_SEED, job })
    this.scored.set(key, scoring)
    scoring.catch(() => this.scored.delete(key))
    while (this.scored.size > CACHED_SCORE_SETS) this.scored.delete(this.scored.keys().next().value!)
    return scoring
  }
}

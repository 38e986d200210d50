import type { RunId } from '../../../shared/api'
import { counted } from '../../../shared/counted'
import type { ImportFormat } from '../../../shared/datasets'
import { UserError } from '../../../shared/errors'
import type { DatasetCatalogue } from '../data/dataset-catalogue'
import { normalise } from '../data/import/normalisation'
import { readSequenceFile } from '../data/import/sequence-file'
import type { WorkbenchStore } from '../store/workbench-store'
import { scoreWithWeights } from './anomaly-scores'
import { anomalyFlags, detectionCurves } from './detection-curves'

/** How `seqvae score` reads a file and samples its scores. */
export interface FileScoreOptions {
  /** Default: detected as an import does. */
  format?: ImportFormat
  /** Path of an npy file's labels. */
  labels?: string
  /** L, the samples of z per series behind `nll` (default 16). */
  samples?: number
  /** Seeds those samples (default 0). */
  seed?: number
  /** The class whose series count as anomalous (default: the smaller of two classes). */
  anomalyClass?: string
}

/** Per-series scores by name, in the order they are written; larger scores fit worse. */
const SCORE_COLUMNS = [
  ['bce', 'bce'],
  ['mse', 'mse'],
  ['max_step_mse', 'maxStepMse'],
  ['nll', 'nll'],
] as const

export type ScoreName = (typeof SCORE_COLUMNS)[number][0]

/** How well one score separates the anomalous series (by their labels) from the rest. */
export interface ScoreQuality {
  score: ScoreName
  rocAuc: number
  averagePrecision: number
}

export interface FileScores {
  kind: 'series'
  count: number
  steps: number
  samples: number
  /** One per score the run has: a Gaussian run has no BCE, so its column is left out rather than NaN. */
  columns: { name: ScoreName; values: Float32Array }[]
  /** [count, steps]: see AnomalyScores. */
  stepMse: Float32Array
  stepNll: Float32Array
  /** Each series' class name, when the file has labels. */
  labels: string[] | null
  /** Whether each series belongs to the anomalous class, when that can be told. */
  anomalous: boolean[] | null
  /** Present when the labels mark some series (not all) as anomalous. */
  evaluation: { anomalies: number; scores: ScoreQuality[] } | null
}

/**
 * Scores every series of a file with a trained run: the file is read at the run's length, put in
 * the units the model was trained in (an imported dataset's stored normalisation, never refitted;
 * built-in data is already in [0, 1]) and scored as anomaly-scores.ts does.
 */
export async function scoreFile(
  store: WorkbenchStore,
  catalogue: DatasetCatalogue,
  runId: RunId,
  path: string,
  { format, labels, samples = 16, seed = 0, anomalyClass }: FileScoreOptions,
): Promise<FileScores> {
  if (!Number.isInteger(samples) || samples < 1 || samples > 1000) throw new UserError('samples must be an integer between 1 and 1000')
  if (!Number.isInteger(seed) || seed < 0) throw new UserError('seed must be a non-negative integer')
  const run = store.runs.get(runId)
  const weights = store.artifacts.finalWeights(runId)
  if (!weights) throw new UserError(`run ${runId} has no trained weights to score with (it is ${run.status})`, 'not-found')
  const info = catalogue.list().find((d) => d.name === run.config.dataset)
  if (!info) throw new UserError(`run ${runId} was trained on "${run.config.dataset}", which is no longer available`, 'not-found')
  const file = await readSequenceFile({ path }, { format, labels: labels === undefined ? undefined : { path: labels }, steps: info.steps })
  if (file.set.features !== info.features) {
    throw new UserError(`${path} has ${counted(file.set.features, 'feature')} per step but run ${runId} was trained on ${info.features}`)
  }
  const normalisation = store.datasets.find(run.config.dataset)?.normalisation
  const set = normalisation ? { ...file.set, data: normalise(file.set.data, normalisation) } : file.set
  const scores = await scoreWithWeights(run.config, weights, set, { samples, seed })
  const classNames = set.labels ? file.classNames : null
  const anomalous = set.labels && classNames ? anomalyFlags(set.labels, classNames, anomalyClass) : null
  const columns = SCORE_COLUMNS.filter(([name]) => name !== 'bce' || run.config.likelihood !== 'gaussian').map(([name, key]) => ({
    name,
    values: scores[key],
  }))
  return {
    kind: 'series',
    count: scores.count,
    steps: scores.steps,
    samples,
    columns,
    stepMse: scores.stepMse,
    stepNll: scores.stepNll,
    labels: set.labels && classNames ? Array.from(set.labels, (l) => classNames[l]) : null,
    anomalous,
    evaluation: anomalous && anomalous.some(Boolean) && !anomalous.every(Boolean) ? evaluate(columns, anomalous) : null,
  }
}

/** ROC AUC and average precision of each score. */
function evaluate(columns: FileScores['columns'], anomalous: boolean[]): NonNullable<FileScores['evaluation']> {
  return {
    anomalies: anomalous.filter(Boolean).length,
    scores: columns.map(({ name, values }) => {
      const curves = detectionCurves(values, anomalous)
      return { score: name, rocAuc: curves.rocAuc, averagePrecision: curves.averagePrecision }
    }),
  }
}

import { z } from 'zod'
import { integer } from './schema-fields'
import type { RunId } from './api'
import type { RecordingTimeline } from './recordings'

/**
 * A run as an anomaly detector: every evaluation sample scored by how badly the model explains it,
 * and, where labels mark anomalies, how well each score separates them (ROC and PR curves).
 *
 *   max-step-mse  the worst step's squared error (features averaged): short events like spikes
 *   mse / bce     reconstruction error of the decode of z_mean, averaged over steps × features
 *   nll           −log of the Monte-Carlo reconstruction probability over `samples` draws of z
 * Larger is more anomalous for every score. Scores are computed in the model's units (an imported
 * dataset's normalised values), like the training loss.
 */
export const ANOMALY_SCORES = ['max-step-mse', 'mse', 'bce', 'nll'] as const
export type AnomalyScoreKind = (typeof ANOMALY_SCORES)[number]

const classList = z
  .array(
    z
      .number({ error: 'anomalyClasses must be class labels (integers from 0)' })
      .int({ error: 'anomalyClasses must be class labels (integers from 0)' })
      .min(0, { error: 'anomalyClasses must be class labels (integers from 0)' }),
    { error: 'anomalyClasses must be a list of class labels' },
  )
  .max(1000, { error: 'anomalyClasses must hold at most 1000 labels' })

export const AnomalyQuerySchema = z
  .object(
    {
      score: z.enum(ANOMALY_SCORES, { error: `score must be one of: ${ANOMALY_SCORES.join(', ')}` }).default('max-step-mse'),
      /**
       * Labels counted as anomalies. Default: the classes named like anomalies (`anomalous`,
       * `anomaly`, `abnormal`, `outlier`), else every class but the most common one.
       */
      anomalyClasses: classList.optional(),
      /** L, draws of z per sample for `nll`. */
      samples: integer('samples', 1, 256).default(16),
    },
    { error: 'the anomaly query must be an object of options' },
  )
  .strict()
export type AnomalyQueryInput = z.input<typeof AnomalyQuerySchema>
export type AnomalyQuery = z.output<typeof AnomalyQuerySchema>

/**
 * Point k flags every sample whose score is ≥ thresholds[k] (descending, one per distinct score);
 * all arrays share k, so a threshold picker moves along both curves at once.
 */
export interface AnomalyCurves {
  positives: number
  negatives: number
  thresholds: Float32Array
  truePositives: Int32Array
  falsePositives: Int32Array
  fpr: Float32Array
  tpr: Float32Array
  precision: Float32Array
  recall: Float32Array
  rocAuc: number
  averagePrecision: number
}

export interface AnomalyReport {
  runId: RunId
  score: AnomalyScoreKind
  /** Draws of z behind `nll`. */
  samples: number
  count: number
  steps: number
  /** Test-set index, label (−1: none) and score of each evaluation sample. */
  indices: Int32Array
  labels: Int32Array
  scores: Float32Array
  /** [count, steps]: the per-step part of the score (step squared error, or step nll for `nll`). */
  stepScores: Float32Array
  /** The labels counted as anomalies; empty when the evaluation set has no labels. */
  anomalyClasses: number[]
  classNames: string[] | null
  /** Null when there is nothing to separate (no labels, or no anomalies or no normal samples). */
  curves: AnomalyCurves | null
  /** ROC AUC and average precision of every score the run supports (no `bce` for a Gaussian likelihood); null as for `curves`. */
  summary: Partial<Record<AnomalyScoreKind, { rocAuc: number; averagePrecision: number }>> | null
  /** For a dataset cut from one recording: the evaluation span over time with the per-timestamp score; null otherwise. */
  timeline: RecordingTimeline | null
}

import type { AnomalyCurves } from '../../../shared/anomaly-report'
import type { RecordingTimeline, TimeFormat } from '../../../shared/recordings'
import { detectionCurves, type DetectionCurves } from './detection-curves'
import { defaultScoreThreshold } from './score-threshold'
import { timestampScores } from './timestamp-scores'

/** A recording in the file's units, as the timeline draws it. */
export interface TimelineRecording {
  timeFormat: TimeFormat
  featureNames: string[]
  times: Float64Array
  /** [timestamps, features], the file's units. */
  values: Float32Array
  labels: Uint8Array | null
}

/**
 * The timeline of a run's evaluation windows: the span they cover, the recording there, and the
 * per-timestamp score (mean and max of the windows' step scores), with the default thresholds and,
 * where the recording is labelled, the detection curves of each combination over the timestamps
 * (what the threshold picker moves along). A pure function of the scores and the windows.
 */
export function recordingTimeline(stepScores: Float32Array, starts: Int32Array, window: number, recording: TimelineRecording): RecordingTimeline {
  const span = { from: starts[0], to: starts[starts.length - 1] + window }
  const { mean, max } = timestampScores(stepScores, starts, window, span)
  const features = recording.featureNames.length
  const labels = recording.labels?.slice(span.from, span.to) ?? null
  const separable = labels !== null && labels.includes(1) && labels.includes(0)
  const isAnomaly = separable ? Array.from(labels, (l) => l === 1) : null
  return {
    timeFormat: recording.timeFormat,
    featureNames: recording.featureNames,
    times: recording.times.slice(span.from, span.to),
    values: recording.values.slice(span.from * features, span.to * features),
    labels,
    meanScore: mean,
    maxScore: max,
    defaultThreshold: { mean: defaultScoreThreshold(mean), max: defaultScoreThreshold(max) },
    curves: isAnomaly ? { mean: curvesToWire(detectionCurves(mean, isAnomaly)), max: curvesToWire(detectionCurves(max, isAnomaly)) } : null,
  }
}

/** Detection curves as the contract carries them (Float32). */
export function curvesToWire(c: DetectionCurves): AnomalyCurves {
  return {
    positives: c.positives,
    negatives: c.negatives,
    thresholds: Float32Array.from(c.thresholds),
    truePositives: c.truePositives,
    falsePositives: c.falsePositives,
    fpr: Float32Array.from(c.fpr),
    tpr: Float32Array.from(c.tpr),
    precision: Float32Array.from(c.precision),
    recall: Float32Array.from(c.recall),
    rocAuc: c.rocAuc,
    averagePrecision: c.averagePrecision,
  }
}

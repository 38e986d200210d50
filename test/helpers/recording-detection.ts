import { anomalyScores } from '../../src/main/lab/analysis/anomaly-scores'
import { timestampScores } from '../../src/main/lab/analysis/timestamp-scores'
import { splitDataset } from '../../src/main/lab/data/dataset-split'
import { fitNormalisation, normalise } from '../../src/main/lab/data/import/normalisation'
import { cutWindows, layoutStarts, recordingLayout } from '../../src/main/lab/data/recording-windows'
import { createEngine } from '../../src/main/lab/engines/engine-factory'
import { initialWeights } from '../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../src/main/lab/model/model-spec'
import { initialTrainState, trainEpochs, UNWATCHED } from '../../src/main/lab/train/training-loop'
import { RunConfigSchema, type RunConfigInput } from '../../src/shared/run-config'
import { bestRecallAtPrecision } from './event-detection'
import { syntheticRecording, type RecordingAnomalyKind } from './synthetic-recording'

export interface RecordingDetectionOptions {
  timestamps: number
  kind: RecordingAnomalyKind
  /** Timestamps between events. */
  spacing: number
  window: number
  stride: number
  config: RunConfigInput
  seed: number
}

/**
 * The whole path a recording takes, on a synthetic one: z-scored as an import for a Gaussian
 * decoder, laid out and cut into windows, split by time, trained, its evaluation windows scored,
 * the step scores combined per timestamp; then the best event-level recall at precision ≥ 0.5 of
 * the mean and the max combination over the evaluation span's events.
 */
export async function recordingDetection(o: RecordingDetectionOptions) {
  const recording = syntheticRecording({ timestamps: o.timestamps, kind: o.kind, spacing: o.spacing, seed: o.seed })
  const values = normalise(recording.values, fitNormalisation('z-score', recording.values, recording.features))
  const layout = recordingLayout(o.timestamps, o.window, o.stride, 'synthetic')
  const starts = layoutStarts(layout)
  const pool = cutWindows(values, recording.features, recording.labels, starts.pool, o.window)
  const test = cutWindows(values, recording.features, recording.labels, starts.test, o.window)
  const config = RunConfigSchema.parse({ likelihood: 'gaussian', seed: o.seed, ...o.config })
  const spec = modelSpecFor(config, o.window, recording.features)
  const engine = await createEngine(config, spec, initialWeights(spec, config.seed))
  const started = performance.now()
  try {
    const splits = splitDataset(pool, test, config, { window: o.window, poolStarts: starts.pool })
    await trainEpochs(engine, config, splits, initialTrainState(config), UNWATCHED)
    const scores = await anomalyScores(engine, test, { latentDim: config.latentDim, likelihood: 'gaussian', samples: 1 })
    const perTimestamp = timestampScores(scores.stepMse, starts.test, o.window, layout.test)
    const events = recording.events
      .filter((e) => e.from >= layout.test.from && e.to <= layout.test.to)
      .map((e) => ({ ...e, from: e.from - layout.test.from, to: e.to - layout.test.from }))
    return {
      events: events.length,
      testEvents: events,
      trainWindows: splits.train.count,
      mean: bestRecallAtPrecision(perTimestamp.mean, events, 0.5),
      max: bestRecallAtPrecision(perTimestamp.max, events, 0.5),
      perTimestamp,
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    engine.dispose()
  }
}

import type { RunId } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import { flaggedSpans } from '../../../shared/flagged-spans'
import { normalise } from '../data/import/normalisation'
import { readRecordingFile } from '../data/import/sequence-file'
import type { CsvDelimiter } from '../../../shared/recordings'
import { cutWindows, windowStarts } from '../data/recording-windows'
import type { WorkbenchStore } from '../store/workbench-store'
import { scoreWithWeights } from './anomaly-scores'
import { timestampScores } from './timestamp-scores'

export type TimestampCombine = 'mean' | 'max'

export interface RecordingScoreOptions {
  /** How windows' step scores combine at a timestamp (default mean). */
  combine?: TimestampCombine
  /** The step score: squared error (default) or −log reconstruction probability. */
  score?: 'mse' | 'nll'
  /** Flag at or above this; default: the run's own default (see score-threshold.ts) for its evaluation span. */
  threshold?: number
  samples?: number
  seed?: number
}

/** One row per timestamp of the file: its time as written, the score and whether it is flagged. */
export interface RecordingFileScores {
  kind: 'recording'
  times: string[]
  scores: Float32Array
  flags: Uint8Array
  threshold: number
  /** Whether the threshold was given or is the run's default. */
  thresholdSource: 'given' | 'run default'
  combine: TimestampCombine
  score: 'mse' | 'nll'
  /** Flagged spans, and the file's own labels per timestamp when it has a label column. */
  spans: number
  labels: Uint8Array | null
}

/**
 * Scores a recording file with a run trained on a recording: the file is read as that dataset's was
 * (same time, feature and label columns, gap policy and resampling), normalised with its stored
 * normalisation, cut into windows of the run's length every stride (the last window ending at the
 * file's end, so every timestamp is scored), and the windows' step scores combined per timestamp.
 */
export async function scoreRecordingFile(
  store: WorkbenchStore,
  runId: RunId,
  path: string,
  options: RecordingScoreOptions,
  runDefaultThreshold: (combine: TimestampCombine, score: 'mse' | 'nll') => Promise<number>,
): Promise<RecordingFileScores> {
  const combine = options.combine ?? 'mean'
  const score = options.score ?? 'mse'
  if (!['mean', 'max'].includes(combine)) throw new UserError('combine must be mean or max')
  if (!['mse', 'nll'].includes(score)) throw new UserError('score must be mse or nll for a recording (a score per timestamp)')
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) throw new UserError('threshold must be a number')
  const run = store.runs.get(runId)
  const weights = store.artifacts.finalWeights(runId)
  if (!weights) throw new UserError(`run ${runId} has no trained weights to score with (it is ${run.status})`, 'not-found')
  const dataset = store.datasets.get(run.config.dataset)
  const stored = store.datasets.recordings.find(dataset.name)!
  const { read, layout } = stored
  const recording = await readRecordingFile(
    { path },
    {
      timeColumn: read.timeColumn,
      features: read.features,
      labelColumn: read.labelColumn ?? undefined,
      missing: read.missing,
      resample: read.resample ?? undefined,
      delimiter: (read.delimiter ?? undefined) as CsvDelimiter | undefined,
      keepTimeText: true,
    },
  )
  if (recording.times.length < layout.window) throw new UserError(`${path} has ${recording.times.length} timestamps; scoring needs at least one window of ${layout.window}`)
  const values = normalise(recording.values, dataset.normalisation)
  const span = { from: 0, to: recording.times.length }
  const starts = windowStarts(span, layout.window, layout.stride)
  const set = cutWindows(values, dataset.features, null, starts, layout.window)
  const scored = await scoreWithWeights(run.config, weights, set, { samples: options.samples ?? 16, seed: options.seed ?? 0 })
  const perTimestamp = timestampScores(score === 'nll' ? scored.stepNll : scored.stepMse, starts, layout.window, span)[combine]
  const threshold = options.threshold ?? (await runDefaultThreshold(combine, score))
  return {
    kind: 'recording',
    times: recording.timeTexts!,
    scores: perTimestamp,
    flags: Uint8Array.from(perTimestamp, (s) => (s >= threshold ? 1 : 0)),
    threshold,
    thresholdSource: options.threshold === undefined ? 'run default' : 'given',
    combine,
    score,
    spans: flaggedSpans(perTimestamp, threshold).length,
    labels: recording.labels,
  }
}

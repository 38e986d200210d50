import { UserError } from '../../../shared/errors'
import type { RecordingLayout, TimeSpan } from '../../../shared/recordings'
import type { SequenceSet } from './sequence-set'

/**
 * Cutting one recording into windows, and where the windows of each part lie in time.
 *
 * Windows of a span [from, to) start at from, from + stride, … while they fit; where the last of
 * those ends before `to`, one more window ends exactly at `to`, so every timestamp of the span is
 * in some window (the per-timestamp score needs that at the end of a recording).
 *
 * A recording of T timestamps is laid out as: the evaluation (test) span, its last
 * max(window, round(T × TEST_FRACTION)) timestamps; a gap of one window; the training pool, all
 * before the gap. No evaluation window overlaps a pool window, and the model never trains on the
 * timestamps just before the ones it is evaluated on.
 */

export const RECORDING_TEST_FRACTION = 0.2
export const DEFAULT_WINDOW = 64

export function windowStarts(span: TimeSpan, window: number, stride: number): Int32Array {
  const starts: number[] = []
  for (let s = span.from; s + window <= span.to; s += stride) starts.push(s)
  const last = starts.length > 0 ? starts[starts.length - 1] : -1
  if (last >= 0 && last + window < span.to) starts.push(span.to - window)
  return Int32Array.from(starts)
}

/** The recording's layout, or a sentence saying why it is too short for the window. */
export function recordingLayout(timestamps: number, window: number, stride: number, label: string): RecordingLayout {
  if (stride > window) throw new UserError(`stride (${stride}) must not exceed the window (${window}), or some timestamps would be in no window`)
  const testLength = Math.max(window, Math.round(timestamps * RECORDING_TEST_FRACTION))
  const test = { from: timestamps - testLength, to: timestamps }
  const pool = { from: 0, to: Math.max(0, test.from - window) }
  // The pool must hold a training and a validation window a window apart (three windows' worth);
  // with the gap and the evaluation span that is 5 windows whenever the test fraction is ≤ 1/5.
  if (pool.to < 3 * window) {
    throw new UserError(
      `${label} has ${timestamps} timestamps, too few for windows of ${window}: training, validation and evaluation windows a window apart need at least ${5 * window} (5 windows); choose a smaller window`,
    )
  }
  return {
    timestamps,
    window,
    stride,
    pool,
    test,
    poolWindows: windowStarts(pool, window, stride).length,
    testWindows: windowStarts(test, window, stride).length,
  }
}

/** Every window of the layout: the pool's in time order, then the evaluation span's. */
export function layoutStarts(layout: RecordingLayout): { pool: Int32Array; test: Int32Array } {
  return { pool: windowStarts(layout.pool, layout.window, layout.stride), test: windowStarts(layout.test, layout.window, layout.stride) }
}

/**
 * A run's split of the pool by time: its validation windows are the last round(W × valFraction)
 * (at least one), and its training windows those that end a whole window before the first
 * validation window starts. Positions are indices into `poolStarts`.
 */
export function timeSplit(poolStarts: Int32Array, window: number, valFraction: number): { train: Int32Array; val: Int32Array } {
  const count = poolStarts.length
  const valCount = Math.min(count, Math.max(1, Math.round(count * valFraction)))
  const firstVal = count - valCount
  const valStart = poolStarts[firstVal]
  const train: number[] = []
  for (let i = 0; i < firstVal && poolStarts[i] + window <= valStart - window; i++) train.push(i)
  if (train.length === 0) {
    throw new UserError(`the recording's training pool is too short to keep ${valCount} validation windows a window apart from training; use a smaller validation fraction`)
  }
  return { train: Int32Array.from(train), val: Int32Array.from({ length: valCount }, (_, i) => firstVal + i) }
}

/** The span of timestamps the windows at `positions` of `starts` cover (they are contiguous in time). */
export function spanOf(starts: Int32Array, positions: Int32Array, window: number): TimeSpan {
  return { from: starts[positions[0]], to: starts[positions[positions.length - 1]] + window }
}

/**
 * The windows at `starts` of a recording ([timestamps, features] row-major), as sequences; labelled
 * 1 (anomalous) where any of their timestamps is, when the recording has labels.
 */
export function cutWindows(values: Float32Array, features: number, labels: Uint8Array | null, starts: Int32Array, window: number): SequenceSet {
  const size = window * features
  const data = new Float32Array(starts.length * size)
  const windowLabels = labels ? new Int32Array(starts.length) : null
  for (let i = 0; i < starts.length; i++) {
    data.set(values.subarray(starts[i] * features, starts[i] * features + size), i * size)
    if (labels && windowLabels) windowLabels[i] = labels.subarray(starts[i], starts[i] + window).some((l) => l > 0) ? 1 : 0
  }
  return { count: starts.length, steps: window, features, data, labels: windowLabels }
}

/** The class names of windows cut from a labelled recording (label 1 is named like an anomaly). */
export const WINDOW_CLASS_NAMES = ['normal', 'anomalous']

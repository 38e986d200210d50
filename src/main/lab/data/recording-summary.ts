import type { Normalisation } from '../../../shared/datasets'
import type { RecordingSummary } from '../../../shared/recordings'
import { RUN_CONFIG_FIELDS } from '../../../shared/run-config-fields'
import type { StoredRecording } from '../store/recording-repository'
import { denormalise } from './import/normalisation'
import { layoutStarts, spanOf, timeSplit } from './recording-windows'

/** Points of the whole recording a dataset's page draws. */
const OVERVIEW_POINTS = 2000

/** A recording dataset's time axis, layout, the split a default run makes, and a thinned copy to draw. */
export function recordingSummary(recording: StoredRecording, values: Float32Array, normalisation: Normalisation): RecordingSummary {
  const { times, layout } = recording
  const features = normalisation.offset.length
  const every = Math.max(1, Math.ceil(times.length / OVERVIEW_POINTS))
  const picked = Int32Array.from({ length: Math.ceil(times.length / every) }, (_, i) => i * every)
  const thinned = new Float32Array(picked.length * features)
  picked.forEach((t, i) => thinned.set(values.subarray(t * features, (t + 1) * features), i * features))
  const valFraction = RUN_CONFIG_FIELDS.valFraction.default
  const poolStarts = layoutStarts(layout).pool
  const split = timeSplit(poolStarts, layout.window, valFraction)
  return {
    timeFormat: recording.timeFormat,
    firstTime: times[0],
    lastTime: times[times.length - 1],
    resample: recording.read.resample,
    missing: recording.read.missing,
    layout,
    defaultSplit: {
      valFraction,
      train: spanOf(poolStarts, split.train, layout.window),
      val: spanOf(poolStarts, split.val, layout.window),
      trainWindows: split.train.length,
      valWindows: split.val.length,
    },
    overview: { every, times: Float64Array.from(picked, (t) => times[t]), values: denormalise(thinned, normalisation) },
  }
}

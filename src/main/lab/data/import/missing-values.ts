import { UserError } from '../../../../shared/errors'
import type { MissingPolicy } from '../../../../shared/recordings'
import type { Recording } from './recording-format'
import { formatTime } from './time-values'

/** What a refusal of a missing value suggests. */
/** Said to the CLI and the import form alike, so it names both the choice and its flag. */
export const MISSING_ADVICE = 'to fill gaps from their neighbours choose “interpolate” for missing values (--missing interpolate), or “drop” to leave out such rows (--missing drop)'

/**
 * Gaps left in a recording (missing values kept under `interpolate`, or periods that resampling
 * found empty) handled by the policy: refused naming the first, filled linearly in time (the
 * nearest value before the first or after the last present one), or their timestamps dropped.
 */
export function fillGaps(recording: Recording, policy: MissingPolicy, label: string): Recording {
  const { values, times, featureNames } = recording
  const features = featureNames.length
  const first = values.findIndex(Number.isNaN)
  if (first < 0) return recording
  const name = (f: number) => `"${featureNames[f]}"`
  if (policy === 'refuse') {
    const [t, f] = [Math.floor(first / features), first % features]
    throw new UserError(`${label}: no row of the period starting ${formatTime(times[t], recording.timeFormat)} has a value of ${name(f)}; ${MISSING_ADVICE}`)
  }
  if (policy === 'drop') return dropGaps(recording)
  const filled = Float32Array.from(values)
  for (let f = 0; f < features; f++) interpolateFeature(filled, times, features, f, () => new UserError(`${label}: ${name(f)} has no values at all, so there is nothing to interpolate from`))
  return { ...recording, values: filled }
}

function interpolateFeature(values: Float32Array, times: Float64Array, features: number, f: number, empty: () => Error): void {
  const count = times.length
  let before = -1 // last timestamp with a value
  for (let t = 0; t <= count; t++) {
    if (t < count && Number.isNaN(values[t * features + f])) continue
    // Timestamps before+1 … t−1 are a gap between the values at `before` and at `t`.
    for (let g = before + 1; g < t; g++) {
      if (before < 0 && t === count) throw empty()
      if (before < 0) values[g * features + f] = values[t * features + f]
      else if (t === count) values[g * features + f] = values[before * features + f]
      else {
        const w = (times[g] - times[before]) / (times[t] - times[before])
        values[g * features + f] = (1 - w) * values[before * features + f] + w * values[t * features + f]
      }
    }
    before = t
  }
}

function dropGaps(recording: Recording): Recording {
  const features = recording.featureNames.length
  const keep: number[] = []
  for (let t = 0; t < recording.times.length; t++) {
    if (!recording.values.subarray(t * features, (t + 1) * features).some(Number.isNaN)) keep.push(t)
  }
  const values = new Float32Array(keep.length * features)
  keep.forEach((t, i) => values.set(recording.values.subarray(t * features, (t + 1) * features), i * features))
  return {
    ...recording,
    times: Float64Array.from(keep, (t) => recording.times[t]),
    values,
    labels: recording.labels ? Uint8Array.from(keep, (t) => recording.labels![t]) : null,
    timeTexts: recording.timeTexts ? keep.map((t) => recording.timeTexts![t]) : null,
  }
}

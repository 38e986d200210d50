import { UserError } from '../../../../shared/errors'
import { isDateTimeFormat, type TimeFormat } from '../../../../shared/recordings'
import { RESAMPLE_PATTERN } from '../../../../shared/datasets'
import type { Recording } from './recording-format'
import { formatTime } from './time-values'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
/** Periods a recording may be resampled into at most (a period too short for the span makes millions). */
const MAX_PERIODS = 50_000_000

/** A period in the time column's units: milliseconds for dates (`10s`, `1d`), the number itself otherwise. */
export function parsePeriod(text: string, format: TimeFormat): number {
  const m = RESAMPLE_PATTERN.exec(text.trim())
  const amount = m ? Number(m[1]) : NaN
  if (!m || !(amount > 0)) throw new UserError(`resample "${text}" must be a period such as 1d, 10s, 15min or 1h`)
  const unit = m[3]
  if (isDateTimeFormat(format)) {
    if (!unit) throw new UserError(`resample "${text}" needs a unit for a time column of dates: ms, s, min, h, d or w (such as 10s or 1d)`)
    return amount * UNIT_MS[unit]
  }
  if (unit) throw new UserError(`resample "${text}" has a unit, but the time column holds plain numbers; give the period as a number in the column's units`)
  return amount
}

/**
 * Resamples to a regular grid of periods [start + k·period, start + (k+1)·period), the start
 * rounded down to a whole period (UTC midnight for days): each feature's mean over the period's
 * rows (missing values left out), the period anomalous if any of its rows is. A period without any
 * value of a feature is a gap, for the missing-value policy to handle.
 */
export function resampleToPeriod(recording: Recording, period: number): Recording {
  const { times, values, labels, featureNames } = recording
  const features = featureNames.length
  const start = Math.floor(times[0] / period) * period
  const periods = Math.floor((times[times.length - 1] - start) / period) + 1
  if (periods > MAX_PERIODS) {
    throw new UserError(
      `resampling ${formatTime(times[0], recording.timeFormat)} to ${formatTime(times[times.length - 1], recording.timeFormat)} would make ${periods.toLocaleString('en-US')} periods; choose a longer period`,
    )
  }
  const sums = new Float64Array(periods * features)
  const counts = new Uint32Array(periods * features)
  const flags = labels ? new Uint8Array(periods) : null
  for (let t = 0; t < times.length; t++) {
    const p = Math.floor((times[t] - start) / period)
    for (let f = 0; f < features; f++) {
      const v = values[t * features + f]
      if (Number.isNaN(v)) continue
      sums[p * features + f] += v
      counts[p * features + f]++
    }
    if (flags && labels![t]) flags[p] = 1
  }
  const mean = Float32Array.from(sums, (s, k) => (counts[k] > 0 ? s / counts[k] : NaN))
  const periodTimes = Float64Array.from({ length: periods }, (_, p) => start + p * period)
  return {
    ...recording,
    times: periodTimes,
    values: mean,
    labels: flags,
    timeTexts: recording.timeTexts ? Array.from(periodTimes, (t) => periodText(t, period, recording)) : null,
  }
}

/** A period's start as `seqvae score` writes it: the date for whole days, else the full date-time. */
function periodText(start: number, period: number, recording: Recording): string {
  if (recording.timeFormat === 'number') return String(start)
  const iso = new Date(start).toISOString().replace('.000Z', 'Z')
  return period % 86_400_000 === 0 ? iso.slice(0, 10) : iso
}

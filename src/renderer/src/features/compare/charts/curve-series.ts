import type { RunId } from '../../../../../shared/api'

/** One run's curve of one metric, in the run's colour. */
export interface RunCurve {
  runId: RunId
  name: string
  color: string
  /** [epoch, value] */
  points: [number, number][]
  /** The baseline is drawn thicker. */
  baseline: boolean
  /** Where to mark the run's best value, if anywhere. */
  best?: { epoch: number; value: number }
  /** A replicate group's band around its mean curve, one [lower, upper] per point. */
  band?: [number, number][]
}

/** A value a log axis can show: positive and finite; the rest become gaps rather than errors. */
export function forLogAxis(value: number, logScale: boolean): number | null {
  return !logScale || (value > 0 && Number.isFinite(value)) ? value : null
}

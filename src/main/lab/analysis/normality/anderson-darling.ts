/**
 * Anderson–Darling test of normality with mean and scale estimated from the sample, as
 * `scipy.stats.anderson(x, 'norm')`: A² on the standardized order statistics, tabulated
 * critical values corrected for n (1 + 0.75/n + 2.25/n²), and the p-value SciPy ≥ 1.17 gives with `method='interpolate'`
 * (linear interpolation of the significance levels in that table — so it saturates at 0.15 and 0.01).
 */
import type { AndersonDarlingResult } from '../../../../shared/latent-diagnostics'
import { logNormalCdf } from './special-functions'

const SIGNIFICANCE_PERCENT = [15, 10, 5, 2.5, 1]
/**
 * Asymptotic critical values of A² for the normal with estimated mean and scale, the table SciPy
 * uses since 1.17 (D'Agostino & Stephens 1986, "Goodness-of-Fit Techniques", Table 4.7); older
 * SciPy used Stephens' 1974 values (0.576 … 1.092).
 */
const ASYMPTOTIC_CRITICAL = [0.561, 0.631, 0.752, 0.873, 1.035]

/** Needs at least two distinct values (the scale estimate must be positive). */
export function andersonDarlingNormal(values: ArrayLike<number>): AndersonDarlingResult {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  let sum = 0
  for (let i = 0; i < n; i++) sum += sorted[i]
  const mean = sum / n
  let squares = 0
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2
  const scale = Math.sqrt(squares / (n - 1))
  let weighted = 0
  for (let i = 0; i < n; i++) {
    const logCdf = logNormalCdf((sorted[i] - mean) / scale)
    const logSf = logNormalCdf(-(sorted[n - 1 - i] - mean) / scale)
    weighted += ((2 * (i + 1) - 1) / n) * (logCdf + logSf)
  }
  const statistic = -n - weighted
  const correction = 1 + 0.75 / n + 2.25 / (n * n)
  const criticalValues = ASYMPTOTIC_CRITICAL.map((a) => Math.round((a / correction) * 1000) / 1000)
  const levels = SIGNIFICANCE_PERCENT.map((s) => s / 100)
  return { statistic, criticalValues, significanceLevels: [...SIGNIFICANCE_PERCENT], pValue: interpolate(statistic, criticalValues, levels) }
}

/** numpy.interp: piecewise linear through (xs, ys), xs increasing, constant beyond the ends. */
function interpolate(x: number, xs: number[], ys: number[]): number {
  if (x <= xs[0]) return ys[0]
  const last = xs.length - 1
  if (x >= xs[last]) return ys[last]
  let i = 1
  while (xs[i] < x) i++
  const t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
  return ys[i - 1] + t * (ys[i] - ys[i - 1])
}

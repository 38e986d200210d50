/**
 * Latent-code normality diagnostics: are a VAE's codes (z_mean of the evaluation set) N(0, I), and
 * is the VAE healthy? Pure functions on row-major [count, dim] arrays (Float32Array from the store),
 * computed in float64. Result types live in `src/shared/latent-diagnostics.ts`.
 *
 * Per dimension: moments, Kolmogorov–Smirnov against N(0, 1), Anderson–Darling and Shapiro–Wilk
 * (each matching SciPy, see their modules). Jointly: Mardia, Henze–Zirkler, MMD to N(0, I) and the
 * largest correlation. Health (needs z_log_var): KL per unit, active units, Var(μ) + E[σ²] ≈ 1,
 * holes, and the per-dimension checks and MMD on the aggregate posterior z = μ + σε.
 *
 * Reference values: SciPy for KS / AD / SW / moments; where SciPy has no implementation (Mardia,
 * Henze–Zirkler, MMD, holes) numpy from the published formulas, in
 * `test/fixtures/normality/generate.py`.
 *
 * Sample-size limits, all by the deterministic strided subsample of `strided-subsample.ts`:
 * Shapiro–Wilk ≤ 5,000 values; Henze–Zirkler and MMD ≤ `pairwiseCap` codes (default 1,500: their
 * cost is O(n²) and 10,000 codes would take seconds); Mardia and the holes search only in high
 * dimensions (work budgets in `mardia.ts` and `prior-holes.ts`); hole reference codes ≤ 1,000.
 * 10,000 × 3 codes take ≈0.4 s in all, 10,000 × 64 a few seconds.
 * Randomness (prior probes, then aggregate-posterior noise) comes from one `SeededRandom(seed)`.
 */
import type { LatentDiagnostics, MultivariateNormality, VaeHealth } from '../../../../shared/latent-diagnostics'
import { SeededRandom } from '../../common/seeded-random'
import { maxAbsCorrelation, whiten } from './covariance'
import { describeDimension } from './dimension-normality'
import { henzeZirkler } from './henze-zirkler'
import { mardiaSampleSize, mardiaTests } from './mardia'
import { defaultMmdBandwidth, mmdToStandardNormal } from './mmd-to-prior'
import { judgeMultivariate, judgeOverall } from './normality-verdict'
import { DEFAULT_HOLE_REFERENCE_CODES, priorHoles } from './prior-holes'
import { stridedIndices, takeColumn, takeRows } from './strided-subsample'
import { ACTIVITY_THRESHOLD, sampleAggregatePosterior, unitHealth } from './unit-health'

export const DEFAULT_PAIRWISE_CAP = 1500
export const DEFAULT_PROBES = 1000

export interface LatentDiagnosticsOptions {
  /** Seed of the prior probes and the aggregate-posterior noise (default 0). */
  seed?: number
  /** Most codes the O(n²) statistics (Henze–Zirkler, MMD) use (default 1,500). */
  pairwiseCap?: number
  /** Prior samples for the holes score (default 1,000). */
  probes?: number
  /** Codes whose nearest-neighbour distances set the hole threshold (default 1,000). */
  holeReferenceCodes?: number
  /** MMD kernel bandwidth h (default √dim). */
  mmdBandwidth?: number
}

export function checkCodeShape(name: string, values: ArrayLike<number>, count: number, dim: number): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`)
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`)
  if (values.length !== count * dim) throw new RangeError(`${name} must hold count × dim = ${count * dim} values, got ${values.length}`)
}

/** MMD of (a strided subsample of) `codes` to N(0, I). */
function mmdOfCodes(codes: ArrayLike<number>, count: number, dim: number, cap: number, bandwidth: number) {
  const rows = stridedIndices(count, cap)
  return mmdToStandardNormal(takeRows(codes, dim, rows), rows.length, dim, bandwidth)
}

function multivariateNormality(codes: Float64Array, count: number, dim: number, cap: number, bandwidth: number): MultivariateNormality {
  // Constant dimensions (collapsed units) make the covariance singular; the affine-invariant tests skip them.
  const testedDims: number[] = []
  for (let d = 0; d < dim; d++) {
    const column = takeColumn(codes, count, dim, d)
    if (column.some((v) => v !== column[0])) testedDims.push(d)
  }
  const p = testedDims.length
  const tested = new Float64Array(count * p)
  for (let i = 0; i < count; i++) for (let k = 0; k < p; k++) tested[i * p + k] = codes[i * dim + testedDims[k]]
  const whitenedRows = (rows: Int32Array) => (p > 0 && rows.length > p ? whiten(takeRows(tested, p, rows), rows.length, p) : null)
  const mardiaRows = stridedIndices(count, mardiaSampleSize(count, p))
  const forMardia = whitenedRows(mardiaRows)
  const pairRows = stridedIndices(count, cap)
  const forHenzeZirkler = whitenedRows(pairRows)
  const evidence = {
    testedDims,
    mardia: forMardia ? mardiaTests(forMardia, mardiaRows.length, p) : null,
    henzeZirkler: forHenzeZirkler ? henzeZirkler(forHenzeZirkler, pairRows.length, p) : null,
    mmd: mmdOfCodes(codes, count, dim, cap, bandwidth),
    maxAbsCorrelation: maxAbsCorrelation(codes, count, dim),
  }
  return { ...evidence, ...judgeMultivariate(evidence, count) }
}

function vaeHealth(zMean: ArrayLike<number>, zLogVar: ArrayLike<number>, count: number, dim: number, options: Required<LatentDiagnosticsOptions>): VaeHealth {
  const units = unitHealth(zMean, zLogVar, count, dim)
  const random = new SeededRandom(options.seed)
  const probes = new Float64Array(options.probes * dim)
  for (let i = 0; i < probes.length; i++) probes[i] = random.normal()
  const holes = priorHoles(zMean, count, dim, probes, options.probes, options.holeReferenceCodes)
  const aggregate = sampleAggregatePosterior(zMean, zLogVar, count, dim, random)
  return {
    units,
    activeUnits: units.filter((u) => u.active).length,
    activityThreshold: ACTIVITY_THRESHOLD,
    totalKl: units.reduce((sum, u) => sum + u.klToPrior, 0),
    holes,
    aggregatePosterior: {
      dimensions: Array.from({ length: dim }, (_, d) => describeDimension(takeColumn(aggregate, count, dim, d), d)),
      mmd: mmdOfCodes(aggregate, count, dim, options.pairwiseCap, options.mmdBandwidth),
    },
  }
}

/**
 * The full diagnostics of `zMean` (and, given `zLogVar`, the VAE health), both row-major [count, dim].
 * Health needs count ≥ 2 (nearest neighbours among the codes).
 */
export function computeLatentDiagnostics(
  zMean: ArrayLike<number>,
  zLogVar: ArrayLike<number> | null,
  count: number,
  dim: number,
  options: LatentDiagnosticsOptions = {},
): LatentDiagnostics {
  const started = performance.now()
  checkCodeShape('zMean', zMean, count, dim)
  if (zLogVar) checkCodeShape('zLogVar', zLogVar, count, dim)
  const settings: Required<LatentDiagnosticsOptions> = {
    seed: options.seed ?? 0,
    pairwiseCap: options.pairwiseCap ?? DEFAULT_PAIRWISE_CAP,
    probes: options.probes ?? DEFAULT_PROBES,
    holeReferenceCodes: options.holeReferenceCodes ?? DEFAULT_HOLE_REFERENCE_CODES,
    mmdBandwidth: options.mmdBandwidth ?? defaultMmdBandwidth(dim),
  }
  const codes = Float64Array.from(zMean)
  const dimensions = Array.from({ length: dim }, (_, d) => describeDimension(takeColumn(codes, count, dim, d), d))
  const multivariate = multivariateNormality(codes, count, dim, settings.pairwiseCap, settings.mmdBandwidth)
  const health = zLogVar && count >= 2 ? vaeHealth(codes, zLogVar, count, dim, settings) : null
  return {
    count,
    dim,
    dimensions,
    multivariate,
    health,
    ...judgeOverall(dimensions, multivariate, health),
    seconds: (performance.now() - started) / 1000,
  }
}

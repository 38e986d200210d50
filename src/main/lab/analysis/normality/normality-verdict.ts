/**
 * Plain-words verdicts from effect sizes AND p-values. With thousands of codes every test rejects
 * deviations too small to matter, and with fifty codes large deviations can pass unnoticed, so:
 *
 * 1. A verdict needs evidence: if no test rejects at α = 0.01 the distribution is `consistent`.
 * 2. Given a rejection, the size of the deviation decides: each effect size is graded against a
 *    [negligible-below, large-from) pair of thresholds, and the worst grade is the verdict.
 *
 * Thresholds (all in units of the prior, whose SD is 1):
 * - |mean|                       0.1 / 0.3   (a tenth / a third of a prior SD)
 * - |SD − 1|                     0.1 / 0.3
 * - |skewness|                   0.25 / 1    (1 is the usual "highly skewed" mark)
 * - |excess kurtosis|            0.5 / 1     (uniform −1.2 and two separated modes ≈ −1.3 are large)
 * - KS D (largest CDF gap)       0.05 / 0.1
 * - MMD equivalent mean shift    0.1 / 0.3   (same scale as |mean|, see `mmd-to-prior.ts`)
 * - largest |correlation|        0.1 / 0.3   (N(0, I) has uncorrelated dimensions)
 * Fewer than MIN_COUNT codes give `undetermined`.
 */
import type { DimensionNormality, MultivariateNormality, NormalityVerdict, VaeHealth } from '../../../../shared/latent-diagnostics'

export const SIGNIFICANCE_LEVEL = 0.01
export const MIN_COUNT = 8

type Grade = 0 | 1 | 2 // negligible, moderate, large

interface Effect {
  grade: Grade
  text: string
}

const GRADE_VERDICT: Record<Grade, NormalityVerdict> = { 0: 'negligible', 1: 'moderate', 2: 'large' }
const VERDICT_ORDER: NormalityVerdict[] = ['undetermined', 'consistent', 'negligible', 'moderate', 'large']

function grade(value: number, [negligibleBelow, largeFrom]: readonly [number, number]): Grade {
  const size = Math.abs(value)
  return size < negligibleBelow ? 0 : size < largeFrom ? 1 : 2
}

/** 3 significant digits, without exponent noise for ordinary magnitudes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  const magnitude = Math.abs(x)
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2)
}

export function formatP(p: number): string {
  return p < 1e-4 ? 'p < 0.0001' : `p = ${Number(p.toPrecision(2))}`
}

/** The worse of two verdicts (undetermined counts as the mildest: it never hides a real finding). */
export function worseVerdict(a: NormalityVerdict, b: NormalityVerdict): NormalityVerdict {
  return VERDICT_ORDER.indexOf(a) >= VERDICT_ORDER.indexOf(b) ? a : b
}

function gradedVerdict(rejected: boolean, effects: Effect[]): NormalityVerdict {
  if (!rejected) return 'consistent'
  return GRADE_VERDICT[effects.reduce<Grade>((worst, e) => (e.grade > worst ? e.grade : worst), 0)]
}

function describeEffects(effects: Effect[]): string {
  return effects
    .filter((e) => e.grade > 0)
    .sort((a, b) => b.grade - a.grade)
    .map((e) => e.text)
    .join(', ')
}

type DimensionEvidence = Omit<DimensionNormality, 'verdict' | 'summary'>

export function judgeDimension(d: DimensionEvidence): { verdict: NormalityVerdict; summary: string } {
  const name = `z${d.dim + 1}`
  if (d.count < MIN_COUNT) return { verdict: 'undetermined', summary: `${name}: too few codes (${d.count}) to judge` }
  const sd = Math.sqrt(d.variance)
  const effects: Effect[] = [
    { grade: grade(d.mean, [0.1, 0.3]), text: `mean ${formatNumber(d.mean)} (shifted)` },
    { grade: grade(sd - 1, [0.1, 0.3]), text: `variance ${formatNumber(d.variance)} (${sd < 1 ? 'too narrow' : 'too wide'})` },
    { grade: grade(d.skewness, [0.25, 1]), text: `skewness ${formatNumber(d.skewness)}` },
    {
      grade: grade(d.excessKurtosis, [0.5, 1]),
      text: `excess kurtosis ${formatNumber(d.excessKurtosis)} (${d.excessKurtosis > 0 ? 'heavy tails' : 'light tails or several modes'})`,
    },
    { grade: grade(d.ks.statistic, [0.05, 0.1]), text: `KS D = ${formatNumber(d.ks.statistic)}` },
  ]
  const ad = d.andersonDarling
  const rejectedBy = [
    d.ks.pValue < SIGNIFICANCE_LEVEL ? `KS ${formatP(d.ks.pValue)}` : null,
    d.shapiroWilk && d.shapiroWilk.pValue < SIGNIFICANCE_LEVEL ? `Shapiro–Wilk ${formatP(d.shapiroWilk.pValue)}` : null,
    ad && ad.statistic > ad.criticalValues[ad.criticalValues.length - 1] ? 'Anderson–Darling beyond its 1% critical value' : null,
    // A constant dimension is no normal distribution whatever the KS p says.
    d.variance === 0 ? 'constant values' : null,
  ].filter((s): s is string => s !== null)
  const verdict = gradedVerdict(rejectedBy.length > 0, effects)
  switch (verdict) {
    case 'consistent':
      return {
        verdict,
        summary: `${name}: consistent with N(0,1) (KS D = ${formatNumber(d.ks.statistic)}, ${formatP(d.ks.pValue)}${d.shapiroWilk ? `; Shapiro–Wilk ${formatP(d.shapiroWilk.pValue)}` : ''})`,
      }
    case 'negligible':
      return {
        verdict,
        summary: `${name}: practically N(0,1): the tests detect a deviation (${rejectedBy.join('; ')}) but every effect size is negligible (KS D = ${formatNumber(d.ks.statistic)})`,
      }
    default:
      return { verdict, summary: `${name}: ${verdict} deviation from N(0,1): ${describeEffects(effects)}; ${rejectedBy.join('; ')}` }
  }
}

type MultivariateEvidence = Omit<MultivariateNormality, 'verdict' | 'summary'>

export function judgeMultivariate(m: MultivariateEvidence, count: number): { verdict: NormalityVerdict; summary: string } {
  if (count < MIN_COUNT) return { verdict: 'undetermined', summary: `Codes as a whole: too few codes (${count}) to judge` }
  const effects: Effect[] = [
    { grade: grade(m.mmd.equivalentShift, [0.1, 0.3]), text: `MMD as large as a mean shift of ${formatNumber(m.mmd.equivalentShift)}` },
    { grade: grade(m.maxAbsCorrelation, [0.1, 0.3]), text: `dimensions correlated up to |r| = ${formatNumber(m.maxAbsCorrelation)}` },
  ]
  const tests: [string, number | undefined][] = [
    ['MMD', m.mmd.pValue],
    ['Henze–Zirkler', m.henzeZirkler?.pValue],
    ['Mardia skewness', m.mardia?.skewnessPValue],
    ['Mardia kurtosis', m.mardia?.kurtosisPValue],
  ]
  const rejectedBy = tests.filter(([, p]) => p !== undefined && p < SIGNIFICANCE_LEVEL).map(([name, p]) => `${name} ${formatP(p as number)}`)
  const verdict = gradedVerdict(rejectedBy.length > 0, effects)
  const shift = `MMD shift ${formatNumber(m.mmd.equivalentShift)}, ${formatP(m.mmd.pValue)}`
  switch (verdict) {
    case 'consistent':
      return { verdict, summary: `Codes as a whole: consistent with N(0, I) (${shift})` }
    case 'negligible':
      return { verdict, summary: `Codes as a whole: practically N(0, I): the tests detect a deviation (${rejectedBy.join('; ')}) but it is negligible (${shift})` }
    default:
      return { verdict, summary: `Codes as a whole: ${verdict} deviation from N(0, I): ${describeEffects(effects) || shift}; ${rejectedBy.join('; ')}` }
  }
}

export function judgeOverall(
  dimensions: DimensionNormality[],
  multivariate: MultivariateNormality,
  health: VaeHealth | null,
): { verdict: NormalityVerdict; summary: string } {
  const verdict = dimensions.reduce((worst, d) => worseVerdict(worst, d.verdict), multivariate.verdict)
  const flagged = dimensions.filter((d) => d.verdict === 'moderate' || d.verdict === 'large').map((d) => `z${d.dim + 1} (${d.verdict})`)
  const parts = [
    verdict === 'consistent'
      ? 'The codes are consistent with N(0, I)'
      : verdict === 'negligible'
        ? 'The codes are practically N(0, I): the deviations the tests find are negligible'
        : verdict === 'undetermined'
          ? 'Too few codes to judge normality'
          : `The codes deviate from N(0, I) (${verdict})`,
  ]
  if (flagged.length > 0) parts.push(`dimensions off: ${flagged.join(', ')}`)
  if (multivariate.verdict === 'moderate' || multivariate.verdict === 'large') {
    const correlated = multivariate.maxAbsCorrelation >= 0.1 ? `, dimensions correlated up to |r| = ${formatNumber(multivariate.maxAbsCorrelation)}` : ''
    parts.push(`jointly: MMD as large as a mean shift of ${formatNumber(multivariate.mmd.equivalentShift)}${correlated}`)
  }
  if (health) {
    parts.push(`${health.activeUnits} of ${health.units.length} units active`)
    parts.push(
      `${formatNumber(100 * health.holes.holeFraction)}% of prior samples land in holes (≈${formatNumber(100 * health.holes.expectedFraction)}% if the codes matched the prior)`,
    )
  }
  return { verdict, summary: parts.join('; ') }
}

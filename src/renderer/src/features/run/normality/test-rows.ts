import type { DimensionNormality, MultivariateNormality, NormalityVerdict } from '../../../../../shared/latent-diagnostics'
import { formatNumber, formatPValue } from '../../../lib/format/number-format'

/** One line of the tests table: a test on one dimension or on the codes as a whole. */
export interface TestRow {
  /** 'z1', 'z2', … or 'all dimensions'. */
  subject: string
  test: string
  statistic: string
  pValue: string
  /** The size of the deviation in plain units, which the p-value alone does not tell. */
  effect: string
  /** Set on a subject's first row: its verdict and how many rows it spans. */
  verdict?: { verdict: NormalityVerdict; rows: number }
}

/**
 * Anderson–Darling's p-value is interpolated in Stephens' table, which spans 1 %…15 %: at the ends
 * it only says "at most" / "at least".
 */
function andersonP(p: number): string {
  if (p <= 0.01) return '≤ 0.01'
  if (p >= 0.15) return '≥ 0.15'
  return formatPValue(p)
}

function withVerdict(rows: TestRow[], verdict: NormalityVerdict): TestRow[] {
  if (rows.length > 0) rows[0] = { ...rows[0], verdict: { verdict, rows: rows.length } }
  return rows
}

/** Per dimension: KS against N(0, 1) (location and scale included), then the shape tests with fitted mean and scale. */
export function dimensionRows(d: DimensionNormality): TestRow[] {
  const subject = `z${d.dim + 1}`
  const rows: TestRow[] = [
    {
      subject,
      test: 'Kolmogorov–Smirnov vs N(0, 1)',
      statistic: `D = ${formatNumber(d.ks.statistic)}`,
      pValue: formatPValue(d.ks.pValue),
      effect: `mean ${formatNumber(d.mean)}, variance ${formatNumber(d.variance)}`,
    },
  ]
  if (d.andersonDarling) {
    rows.push({
      subject,
      test: 'Anderson–Darling (shape)',
      statistic: `A² = ${formatNumber(d.andersonDarling.statistic)}`,
      pValue: andersonP(d.andersonDarling.pValue),
      effect: `1 % critical value ${formatNumber(d.andersonDarling.criticalValues[d.andersonDarling.criticalValues.length - 1])}`,
    })
  }
  if (d.shapiroWilk) {
    rows.push({
      subject,
      test: `Shapiro–Wilk (shape${d.shapiroWilk.sampleSize < d.count ? `, ${d.shapiroWilk.sampleSize.toLocaleString()} codes` : ''})`,
      statistic: `W = ${formatNumber(d.shapiroWilk.statistic, 4)}`,
      pValue: formatPValue(d.shapiroWilk.pValue),
      effect: `skewness ${formatNumber(d.skewness)}, excess kurtosis ${formatNumber(d.excessKurtosis)}`,
    })
  }
  return withVerdict(rows, d.verdict)
}

/** The codes as a whole: Mardia's skewness and kurtosis, Henze–Zirkler, MMD to N(0, I), and the largest correlation. */
export function multivariateRows(m: MultivariateNormality, dim: number): TestRow[] {
  const subject = 'all dimensions'
  const rows: TestRow[] = []
  if (m.mardia) {
    const d = m.testedDims.length
    rows.push(
      {
        subject,
        test: 'Mardia skewness',
        statistic: `χ² = ${formatNumber(m.mardia.skewnessStatistic)}`,
        pValue: formatPValue(m.mardia.skewnessPValue),
        effect: `b₁ = ${formatNumber(m.mardia.skewness)} (0 for a normal)`,
      },
      {
        subject,
        test: 'Mardia kurtosis',
        statistic: `z = ${formatNumber(m.mardia.kurtosisStatistic)}`,
        pValue: formatPValue(m.mardia.kurtosisPValue),
        effect: `b₂ = ${formatNumber(m.mardia.kurtosis)} (${d * (d + 2)} for a normal)`,
      },
    )
  }
  if (m.henzeZirkler) {
    rows.push({
      subject,
      test: 'Henze–Zirkler',
      statistic: `HZ = ${formatNumber(m.henzeZirkler.statistic)}`,
      pValue: formatPValue(m.henzeZirkler.pValue),
      effect: `β = ${formatNumber(m.henzeZirkler.beta)}`,
    })
  }
  rows.push({
    subject,
    test: 'MMD to N(0, I)',
    statistic: `MMD² = ${formatNumber(m.mmd.mmd2)}`,
    pValue: formatPValue(m.mmd.pValue),
    effect: `as far as a mean shift of ${formatNumber(m.mmd.equivalentShift)}`,
  })
  if (dim > 1) {
    rows.push({ subject, test: 'Largest |correlation|', statistic: '—', pValue: '—', effect: `|r| = ${formatNumber(m.maxAbsCorrelation)} (0 for N(0, I))` })
  }
  return withVerdict(rows, m.verdict)
}

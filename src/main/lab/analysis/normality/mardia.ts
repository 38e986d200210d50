/**
 * Mardia's (1970) multivariate skewness and kurtosis tests, with the statistics, the small-sample
 * skewness correction (n < 20) and the p-values of R `MVN::mvn(mvnTest = "mardia")`. SciPy has no
 * implementation; the reference values are computed in numpy from these formulas.
 *
 * b1,p = (1/n²) Σᵢⱼ (yᵢ·yⱼ)³ is evaluated without the n² pairs: expanding the cube,
 * Σᵢⱼ (yᵢ·yⱼ)³ = Σ_abc T_abc² with T_abc = Σᵢ y_ia y_ib y_ic, so the cost is O(n·d³/6) — a few
 * milliseconds for 10,000 three-dimensional codes instead of 10⁸ pair products. Callers thin the
 * codes when n·d(d+1)(d+2)/6 exceeds MARDIA_BUDGET (at 10,000 codes: from d ≈ 40 on).
 */
import type { MardiaResult } from '../../../../shared/latent-diagnostics'
import { chiSquareSf, normalSf } from './special-functions'

/** Triple products the skewness may cost (≈0.2–0.5 s). */
export const MARDIA_BUDGET = 1e8

/** How many codes Mardia's tests use: all n unless that exceeds the budget. */
export function mardiaSampleSize(n: number, dim: number): number {
  return Math.min(n, Math.max(dim + 2, Math.floor(MARDIA_BUDGET / ((dim * (dim + 1) * (dim + 2)) / 6))))
}

/** `whitened`: yᵢ = S^(−1/2)(xᵢ − x̄) with S the covariance with divisor n (see `whiten`). */
export function mardiaTests(whitened: Float64Array, n: number, dim: number): MardiaResult {
  const tripleCount = (dim * (dim + 1) * (dim + 2)) / 6
  const third = new Float64Array(tripleCount)
  let fourthSum = 0
  for (let i = 0; i < n; i++) {
    const row = i * dim
    let squaredNorm = 0
    let t = 0
    for (let a = 0; a < dim; a++) {
      const ya = whitened[row + a]
      squaredNorm += ya * ya
      for (let b = a; b < dim; b++) {
        const yab = ya * whitened[row + b]
        for (let c = b; c < dim; c++) third[t++] += yab * whitened[row + c]
      }
    }
    fourthSum += squaredNorm * squaredNorm
  }
  let cubeSum = 0
  let t = 0
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      for (let c = b; c < dim; c++) {
        // Each unordered triple stands for its distinct orderings: 1 (aaa), 3 (aab), 6 (abc).
        const orderings = a === b && b === c ? 1 : a === b || b === c ? 3 : 6
        cubeSum += orderings * third[t] * third[t]
        t++
      }
    }
  }
  const skewness = cubeSum / (n * n)
  const kurtosis = fourthSum / n
  const df = (dim * (dim + 1) * (dim + 2)) / 6
  const smallSampleFactor = n < 20 ? ((dim + 1) * (n + 1) * (n + 3)) / (n * ((n + 1) * (dim + 1) - 6)) : 1
  const skewnessStatistic = (n * smallSampleFactor * skewness) / 6
  const kurtosisStatistic = (kurtosis - dim * (dim + 2)) * Math.sqrt(n / (8 * dim * (dim + 2)))
  return {
    sampleSize: n,
    skewness,
    skewnessStatistic,
    skewnessPValue: chiSquareSf(skewnessStatistic, df),
    kurtosis,
    kurtosisStatistic,
    kurtosisPValue: 2 * normalSf(Math.abs(kurtosisStatistic)),
  }
}

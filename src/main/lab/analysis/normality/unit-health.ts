/**
 * Per-unit VAE health from z_mean (μ) and z_log_var (log σ²), both row-major [n, dim]:
 * KL to the prior, activity (Burda et al. 2016: a unit is active when Var_x(E_q[z_d]) = Var(μ_d)
 * exceeds 0.01), and the prior-match identity Var(μ_d) + E[σ_d²] ≈ 1 — the variance of the
 * aggregate posterior q(z_d) = E_x q(z_d | x), which equals the prior's when q(z) matches N(0, 1).
 * Also draws the aggregate posterior itself, z = μ + σε, for the same normality checks as z_mean.
 */
import type { LatentUnitHealth } from '../../../../shared/latent-diagnostics'
import type { SeededRandom } from '../../common/seeded-random'

export const ACTIVITY_THRESHOLD = 0.01

export function unitHealth(zMean: ArrayLike<number>, zLogVar: ArrayLike<number>, n: number, dim: number): LatentUnitHealth[] {
  const units: LatentUnitHealth[] = []
  for (let d = 0; d < dim; d++) {
    let sumMu = 0
    let kl = 0
    let posteriorVariance = 0
    for (let i = 0; i < n; i++) {
      const mu = zMean[i * dim + d]
      const logVar = zLogVar[i * dim + d]
      const variance = Math.exp(logVar)
      sumMu += mu
      posteriorVariance += variance
      kl += 0.5 * (mu * mu + variance - 1 - logVar)
    }
    const meanMu = sumMu / n
    let squares = 0
    for (let i = 0; i < n; i++) squares += (zMean[i * dim + d] - meanMu) ** 2
    const meanVariance = n > 1 ? squares / (n - 1) : 0
    const meanPosteriorVariance = posteriorVariance / n
    units.push({
      dim: d,
      mean: meanMu,
      klToPrior: kl / n,
      meanVariance,
      meanPosteriorVariance,
      aggregateVariance: meanVariance + meanPosteriorVariance,
      active: meanVariance > ACTIVITY_THRESHOLD,
    })
  }
  return units
}

/** One draw z = μ + exp(½ log σ²)·ε per code, ε from `random` (row-major order). */
export function sampleAggregatePosterior(zMean: ArrayLike<number>, zLogVar: ArrayLike<number>, n: number, dim: number, random: SeededRandom): Float64Array {
  const z = new Float64Array(n * dim)
  for (let i = 0; i < n * dim; i++) z[i] = zMean[i] + Math.exp(0.5 * zLogVar[i]) * random.normal()
  return z
}

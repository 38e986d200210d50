/**
 * Squared maximum mean discrepancy between codes x₁..xₙ and the prior N(0, I_d), Gaussian kernel
 * k(x, y) = exp(−|x − y|²/(2h²)). The prior side is analytic (no prior samples needed):
 *   m(x) = E_y k(x, y) = (h²/(h²+1))^(d/2) · exp(−|x|²/(2(h²+1))),
 *   c    = E k(y, y')  = (h²/(h²+2))^(d/2),
 * so MMD²_u = (1/(n(n−1))) Σ_{i≠j} k(xᵢ, xⱼ) − (2/n) Σᵢ m(xᵢ) + c  (unbiased, the effect size), and
 *    MMD²_b = (1/n²) Σᵢⱼ k(xᵢ, xⱼ) − (2/n) Σᵢ m(xᵢ) + c          (the test statistic, ≥ 0).
 *
 * p-value: under H0, T = n·MMD²_b = (1/n) Σᵢⱼ k̃(xᵢ, xⱼ) with k̃ the kernel centred at the prior.
 * Its exact mean and variance are analytic for a Gaussian kernel and prior:
 *   E T = 1 − c,   Var T = 2(n−1)/n · E k̃² + 4(M₂ − c²)/n,
 *   E k̃² = K₂ − 2M₂ + c²,  K₂ = E k(y, y')² = (h²/(h²+4))^(d/2),  M₂ = E m(y)² = (h²/(h²+1))^d ((h²+1)/(h²+3))^(d/2),
 * and T is matched by a Gamma distribution with that mean and variance — the Gamma approximation
 * of Gretton et al. (2009, "A fast, consistent kernel two-sample test") with the moments known
 * exactly instead of estimated. No permutations, so it costs nothing beyond the statistic; its
 * calibration is checked by simulation in the tests. The pairwise sum is O(n²): callers pass a
 * strided subsample above a cap.
 *
 * Bandwidth: h = √d by default, the median heuristic under the prior (|y − y'|² ~ 2χ²_d has median ≈ 2d,
 * and the heuristic sets 2h² to that median).
 *
 * Effect size in plain units: for N(δe₁, I) against N(0, I), MMD² = 2c(1 − exp(−δ²/(2(h²+2)))),
 * so an MMD² is reported also as the mean shift δ that would produce it (capped at MAX_EQUIVALENT_SHIFT:
 * MMD² can exceed the largest value a shift reaches, 2c, e.g. when all codes sit far out).
 */
import type { MmdResult } from '../../../../shared/latent-diagnostics'
import { gaussianKernelSums } from './gaussian-kernel-sums'
import { gammaSf } from './special-functions'

export const MAX_EQUIVALENT_SHIFT = 100

export function defaultMmdBandwidth(dim: number): number {
  return Math.sqrt(dim)
}

export function mmdToStandardNormal(codes: Float64Array, n: number, dim: number, bandwidth = defaultMmdBandwidth(dim)): MmdResult {
  const h2 = bandwidth * bandwidth
  const pairScale = -1 / (2 * h2)
  const meanScale = -1 / (2 * (h2 + 1))
  const meanFactor = (h2 / (h2 + 1)) ** (dim / 2)
  const sums = gaussianKernelSums(codes, n, dim, meanScale, pairScale)
  const offDiagonal = sums.pairs
  const meanEmbedding = (meanFactor * sums.centre) / n
  const c = (h2 / (h2 + 2)) ** (dim / 2)
  const mmd2Biased = (offDiagonal + n) / (n * n) - 2 * meanEmbedding + c
  // The unbiased estimate needs two codes; a single one gets the biased value rather than NaN.
  const mmd2 = n > 1 ? offDiagonal / (n * (n - 1)) - 2 * meanEmbedding + c : mmd2Biased
  return { mmd2, pValue: nullTailProbability(n * mmd2Biased, n, dim, h2), bandwidth, equivalentShift: equivalentShift(mmd2, c, h2), sampleSize: n }
}

/** P(T ≥ t) under H0 by the moment-matched Gamma (see the module comment). */
function nullTailProbability(t: number, n: number, dim: number, h2: number): number {
  const c = (h2 / (h2 + 2)) ** (dim / 2)
  const k2 = (h2 / (h2 + 4)) ** (dim / 2)
  const m2 = (h2 / (h2 + 1)) ** dim * ((h2 + 1) / (h2 + 3)) ** (dim / 2)
  const mean = 1 - c
  const variance = (2 * (n - 1) * (k2 - 2 * m2 + c * c)) / n + (4 * (m2 - c * c)) / n
  return gammaSf(t, (mean * mean) / variance, variance / mean)
}

function equivalentShift(mmd2: number, c: number, h2: number): number {
  if (!(mmd2 > 0)) return 0
  const ratio = mmd2 / (2 * c)
  return ratio >= 1 ? MAX_EQUIVALENT_SHIFT : Math.min(MAX_EQUIVALENT_SHIFT, Math.sqrt(-2 * (h2 + 2) * Math.log1p(-ratio)))
}

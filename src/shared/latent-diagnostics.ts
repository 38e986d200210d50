/**
 * Result types of the latent-code diagnostics: are a VAE's codes really N(0, I), and is the VAE
 * healthy (KL per unit, active units, prior match, holes)? Computed by the Lab
 * (`src/main/lab/analysis/normality`), shown by the UI. Types only: no Node, no DOM.
 *
 * With thousands of codes every test rejects tiny deviations, so each p-value travels next to an
 * effect size, and the verdicts are computed from both (see `NormalityVerdict`).
 */

/**
 * How far a distribution is from the one it is tested against:
 * - `consistent`: no test rejects at 1 % — no evidence of a deviation;
 * - `negligible`: some test rejects, but every effect size is below its "negligible" threshold,
 *   i.e. the deviation is real but too small to matter (typical with many samples);
 * - `moderate` / `large`: some test rejects and the largest effect size reaches that level;
 * - `undetermined`: too few samples (or a degenerate input) to say.
 */
export type NormalityVerdict = 'consistent' | 'negligible' | 'moderate' | 'large' | 'undetermined'

/** A test statistic and its p-value. */
export interface TestResult {
  statistic: number
  pValue: number
}

/**
 * Anderson–Darling test of normality with estimated mean and scale, as `scipy.stats.anderson(x, 'norm')`:
 * the statistic A², Stephens' critical values at the significance levels, and the p-value of
 * `method='interpolate'` (linear interpolation in that table, so it is clamped to [0.01, 0.15]).
 */
export interface AndersonDarlingResult extends TestResult {
  criticalValues: number[]
  /** In percent: 15, 10, 5, 2.5, 1. */
  significanceLevels: number[]
}

/** Shapiro–Wilk W and p-value, as `scipy.stats.shapiro`, on at most 5,000 values. */
export interface ShapiroWilkResult extends TestResult {
  /** Values the test used: all of them up to 5,000, else an evenly strided subsample of 5,000. */
  sampleSize: number
}

/** One latent dimension against N(0, 1). */
export interface DimensionNormality {
  dim: number
  count: number
  mean: number
  /** Sample variance (divisor n − 1). */
  variance: number
  /** Moment skewness g1 = m3 / m2^1.5 (`scipy.stats.skew`, bias=True); 0 for a constant dimension. */
  skewness: number
  /** g2 = m4 / m2² − 3 (`scipy.stats.kurtosis`, bias=True); 0 for a constant dimension. */
  excessKurtosis: number
  /** Kolmogorov–Smirnov against N(0, 1) (exact two-sided p as `scipy.stats.kstest(x, 'norm')`); D is its own effect size. */
  ks: TestResult
  /** Normality with fitted mean/scale; null for a constant dimension. */
  andersonDarling: AndersonDarlingResult | null
  /** Normality with fitted mean/scale; null for a constant dimension. */
  shapiroWilk: ShapiroWilkResult | null
  verdict: NormalityVerdict
  /**
   * One plain sentence naming the dimension 1-based (z1 is dim 0), e.g.
   * "z2: large deviation from N(0,1): variance 0.04 (too narrow), KS D = 0.41; KS p < 0.0001".
   */
  summary: string
}

/** Mardia's multivariate skewness and kurtosis tests (as R `MVN::mvn(mvnTest = "mardia")`). */
export interface MardiaResult {
  /** Codes used: all, or an evenly strided subsample when d is large (the skewness costs O(n·d³/6)). */
  sampleSize: number
  /** b1,p = (1/n²) Σᵢⱼ ((xᵢ−x̄)ᵀ S⁻¹ (xⱼ−x̄))³, S with divisor n; 0 under normality. */
  skewness: number
  /** n·b1,p/6 (small-sample corrected below n = 20), χ² with d(d+1)(d+2)/6 degrees of freedom. */
  skewnessStatistic: number
  skewnessPValue: number
  /** b2,p = (1/n) Σᵢ ((xᵢ−x̄)ᵀ S⁻¹ (xᵢ−x̄))²; d(d+2) under normality. */
  kurtosis: number
  /** (b2,p − d(d+2)) / √(8d(d+2)/n), standard normal; two-sided p. */
  kurtosisStatistic: number
  kurtosisPValue: number
}

/** Henze–Zirkler test (formula of R `MVN` / pingouin `multivariate_normality`). */
export interface HenzeZirklerResult extends TestResult {
  /** The smoothing parameter β used. */
  beta: number
  /** Codes the test used (evenly strided subsample above the pairwise cap). */
  sampleSize: number
}

/** Squared maximum mean discrepancy between the codes and N(0, I), Gaussian kernel. */
export interface MmdResult {
  /** Unbiased estimate of MMD² (can be slightly negative when the codes match the prior; the biased one for a single code). */
  mmd2: number
  /** p-value of n·MMD²_biased under H0 (Gamma approximation with analytic null moments). */
  pValue: number
  /** Kernel k(x, y) = exp(−|x − y|² / (2h²)); h. */
  bandwidth: number
  /**
   * Effect size in plain units: the mean shift δ (along one axis) of N(δe₁, I) that would have this
   * MMD² against N(0, I) with the same kernel. 0 when mmd2 ≤ 0.
   */
  equivalentShift: number
  /** Codes used (evenly strided subsample above the pairwise cap). */
  sampleSize: number
}

/** The codes as a whole against N(0, I). */
export interface MultivariateNormality {
  /**
   * Dimensions the normality tests (Mardia, Henze–Zirkler) used: constant dimensions (collapsed
   * units) are left out because their covariance is singular. MMD always uses all dimensions.
   */
  testedDims: number[]
  /** Null when fewer than two codes per tested dimension remain or the covariance is singular. */
  mardia: MardiaResult | null
  henzeZirkler: HenzeZirklerResult | null
  mmd: MmdResult
  /** Largest |Pearson correlation| between two dimensions (0 when d = 1): N(0, I) means uncorrelated. */
  maxAbsCorrelation: number
  verdict: NormalityVerdict
  summary: string
}

/** One latent unit's health, from z_mean and z_log_var. */
export interface LatentUnitHealth {
  dim: number
  /** Mean over codes of μ_d: ≈ 0 when the aggregate posterior is centred like the prior. */
  mean: number
  /** Mean over codes of KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²). */
  klToPrior: number
  /** Var over codes of μ_d (divisor n − 1): the unit's activity. */
  meanVariance: number
  /** Mean over codes of σ_d². */
  meanPosteriorVariance: number
  /** meanVariance + meanPosteriorVariance: the aggregate posterior's variance, ≈ 1 when q(z) matches the prior. */
  aggregateVariance: number
  /** meanVariance > activityThreshold. */
  active: boolean
}

/** Regions of the prior that no code comes near: decoding a sample from there gives garbage. */
export interface PriorHoles {
  /** Prior samples drawn (seeded). */
  probes: number
  /** Codes searched for nearest neighbours: all, or an evenly strided subsample that keeps the search cheap in high dim. */
  searchedCodes: number
  /** Codes whose nearest-other-code distance defined the threshold. */
  referenceCodes: number
  /** Quantile of the code-to-code nearest-neighbour distances used as threshold (0.95). */
  thresholdQuantile: number
  /** That quantile's distance. */
  threshold: number
  /** Fraction of prior samples whose nearest code is farther than the threshold. */
  holeFraction: number
  /** What holeFraction is when the codes are themselves distributed like the prior (≈ 1 − thresholdQuantile). */
  expectedFraction: number
}

export interface VaeHealth {
  units: LatentUnitHealth[]
  activeUnits: number
  /** Var(μ_d) above which a unit counts as active (0.01, Burda et al. 2016). */
  activityThreshold: number
  /** Σ_d klToPrior. */
  totalKl: number
  holes: PriorHoles
  /** z = μ + σε, one ε per code (seeded): the aggregate posterior q(z), which should match N(0, I). */
  aggregatePosterior: {
    dimensions: DimensionNormality[]
    mmd: MmdResult
  }
}

/** Everything the Lab can say about a run's evaluation-set codes. */
export interface LatentDiagnostics {
  count: number
  dim: number
  /** z_mean, per dimension. */
  dimensions: DimensionNormality[]
  multivariate: MultivariateNormality
  /** Null when z_log_var was not available. */
  health: VaeHealth | null
  /** Overall verdict on z_mean against N(0, I). */
  verdict: NormalityVerdict
  summary: string
  /** Wall-clock seconds the computation took. */
  seconds: number
}

/** The cheap subset computed on the validation codes after every epoch. */
export interface EpochLatentStats {
  count: number
  dim: number
  /** Per dimension: mean of μ_d. */
  means: number[]
  /** Per dimension: Var(μ_d) (divisor n − 1). */
  variances: number[]
  /** Per dimension: mean KL to the prior. */
  kl: number[]
  activeUnits: number
  mmd: MmdResult
}

/** What a person looks at for one dimension: its histogram (against the N(0,1) density) and Q-Q points. */
export interface DimensionPlot {
  dim: number
  /** Bin edges (bins + 1) and counts of z_mean_d. */
  histogram: { edges: number[]; counts: number[] }
  /** Sample quantiles against N(0,1) quantiles at evenly spaced probabilities. */
  qq: { theoretical: number[]; sample: number[] }
}

/** The Normality tab's payload: the numbers and the plots' data, computed in the core. */
export interface LatentDiagnosticsReport {
  runId: number
  diagnostics: LatentDiagnostics
  plots: DimensionPlot[]
}

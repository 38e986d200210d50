/** Everything the diagnostics say about one latent dimension against N(0, 1). */
import type { DimensionNormality } from '../../../../shared/latent-diagnostics'
import { andersonDarlingNormal } from './anderson-darling'
import { kolmogorovSmirnovStandardNormal } from './kolmogorov-smirnov'
import { judgeDimension } from './normality-verdict'
import { sampleMoments } from './sample-moments'
import { shapiroWilk } from './shapiro-wilk'

/** `values`: the dimension's codes (float64; at least one). */
export function describeDimension(values: Float64Array, dim: number): DimensionNormality {
  const count = values.length
  const moments = sampleMoments(values)
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < count; i++) {
    min = Math.min(min, values[i])
    max = Math.max(max, values[i])
  }
  // Shape tests need spread: fitted-scale tests are undefined for constant values (a collapsed unit).
  const hasSpread = max > min
  const evidence = {
    dim,
    count,
    ...moments,
    // Exactly 0 for constant values (the two-pass sum can leave rounding dust).
    variance: hasSpread && count > 1 ? moments.variance : 0,
    ks: kolmogorovSmirnovStandardNormal(values),
    andersonDarling: hasSpread && count >= 2 ? andersonDarlingNormal(values) : null,
    shapiroWilk: hasSpread && count >= 3 ? shapiroWilk(values) : null,
  }
  return { ...evidence, ...judgeDimension(evidence) }
}

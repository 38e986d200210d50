import { describe, expect, it } from 'vitest'
import { epochLatentStats } from '../../../../../src/main/lab/analysis/normality/epoch-latent-stats'
import { computeLatentDiagnostics } from '../../../../../src/main/lab/analysis/normality/latent-diagnostics'
import { SeededRandom } from '../../../../../src/main/lab/common/seeded-random'

function validationCodes(n: number, dim: number) {
  const random = new SeededRandom(21)
  const zMean = random.fillNormal(new Float32Array(n * dim)).map((v, i) => (i % dim === dim - 1 ? 0.02 * v : 0.9 * v))
  const zLogVar = new Float32Array(n * dim).fill(Math.log(0.19))
  return { zMean, zLogVar }
}

describe('epochLatentStats', () => {
  it('agrees with the full diagnostics on the numbers they share', () => {
    const { zMean, zLogVar } = validationCodes(3000, 3)
    const epoch = epochLatentStats(zMean, zLogVar, 3000, 3)
    const full = computeLatentDiagnostics(zMean, zLogVar, 3000, 3)
    expect(epoch.means).toEqual(full.health!.units.map((u) => u.mean))
    expect(epoch.variances).toEqual(full.health!.units.map((u) => u.meanVariance))
    expect(epoch.kl).toEqual(full.health!.units.map((u) => u.klToPrior))
    expect(epoch.activeUnits).toBe(2)
    expect(epoch.mmd).toEqual(full.multivariate.mmd)
  })

  it('summarises 6,000 validation codes with the MMD on a subsample of 1,500 (timed by npm run bench:diagnostics)', () => {
    const { zMean, zLogVar } = validationCodes(6000, 3)
    const stats = epochLatentStats(zMean, zLogVar, 6000, 3)
    expect(stats.count).toBe(6000)
    expect(stats.mmd.sampleSize).toBe(1500)
  })
})

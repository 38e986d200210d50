import { describe, expect, it } from 'vitest'
import type { LikelihoodEvaluation } from '../../../src/shared/likelihood-evaluation'
import { byRun, comparableEstimates, formatNats } from '../../../src/renderer/src/entities/run-likelihood'

const estimate = (runId: number, k: number, mean: number): LikelihoodEvaluation => ({
  runId,
  k,
  replicates: 2,
  seed: 1,
  samples: 100,
  valuesPerSequence: 784,
  likelihood: 'bernoulli',
  iwae: { mean, standardError: 0.01 },
  elbo: { mean: mean - 10, standardError: 0.02 },
  spread: 40,
  seconds: 1,
  createdAt: '2026-12-03T18:00:00.000Z',
})

describe('run likelihoods in the views', () => {
  it('compares runs at the largest K they all have, else at each run’s largest', () => {
    const grouped = byRun([estimate(2, 1000, -140), estimate(1, 100, -144), estimate(1, 10, -145), estimate(2, 100, -143), estimate(3, 1, -160)])
    expect(grouped.get(1)!.map((e) => e.k)).toEqual([10, 100])
    const shared = comparableEstimates(grouped, [1, 2, 4])
    expect([...shared].map(([id, e]) => [id, e.k])).toEqual([[1, 100], [2, 100]])
    // Run 3 has only K = 1: nothing is shared, so each shows its largest.
    const mixed = comparableEstimates(grouped, [1, 2, 3])
    expect([...mixed].map(([id, e]) => [id, e.k])).toEqual([[1, 100], [2, 1000], [3, 1]])
    expect(comparableEstimates(grouped, [4]).size).toBe(0)
  })

  it('writes nats with a true minus and as many decimals as the error warrants', () => {
    expect(formatNats({ mean: -144.0931, standardError: 0.0052 })).toBe('−144.09 ± 0.01')
    expect(formatNats({ mean: -499.27, standardError: 0.49 })).toBe('−499.3 ± 0.5')
  })
})

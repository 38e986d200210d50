import { describe, expect, it } from 'vitest'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { bandCurve, groupName, groupSummary, replicateGroups, replicateKey } from '../../../../src/renderer/src/features/compare/replicate-groups'

describe('replicate groups on the compare page', () => {
  it('group runs whose configs differ only in seed, in the order of their first run', () => {
    const runs = [
      { id: 1, config: { ...DEFAULT_RUN_CONFIG, seed: 1 } },
      { id: 2, config: { ...DEFAULT_RUN_CONFIG, seed: 1, latentDim: 8 } },
      { id: 3, config: { ...DEFAULT_RUN_CONFIG, seed: 2 } },
      { id: 4, config: { ...DEFAULT_RUN_CONFIG, seed: 3, latentDim: 8 } },
      { id: 5, config: { ...DEFAULT_RUN_CONFIG, seed: 4, trainLimit: 100 } },
    ]
    expect(replicateGroups(runs).map((g) => [g.runIds, g.seeds])).toEqual([
      [[1, 3], [1, 2]],
      [[2, 4], [1, 3]],
      [[5], [4]],
    ])
    // The order fields were written in does not matter; an optional field left out differs from one set.
    const reordered = Object.fromEntries(Object.entries(DEFAULT_RUN_CONFIG).reverse()) as typeof DEFAULT_RUN_CONFIG
    expect(replicateKey(reordered)).toBe(replicateKey({ ...DEFAULT_RUN_CONFIG, seed: 99 }))
    expect(replicateKey({ ...DEFAULT_RUN_CONFIG, trainLimit: 100 })).not.toBe(replicateKey(DEFAULT_RUN_CONFIG))
  })

  it('draw the mean with ± one sd or the min–max band, over the members that reached each epoch', () => {
    const members: [number, number][][] = [
      [[1, 1], [2, 4], [3, 1]],
      [[1, 3], [2, 6]],
      [[1, 5], [2, 8]],
    ]
    expect(bandCurve(members, 'sd')).toEqual([
      { epoch: 1, mean: 3, lower: 1, upper: 5, count: 3 },
      { epoch: 2, mean: 6, lower: 4, upper: 8, count: 3 },
      { epoch: 3, mean: 1, lower: 1, upper: 1, count: 1 },
    ])
    expect(bandCurve(members, 'minmax')[0]).toEqual({ epoch: 1, mean: 3, lower: 1, upper: 5, count: 3 })
    expect(bandCurve([[[1, 0]], [[1, 10]], [[1, 2]]], 'minmax')[0]).toEqual({ epoch: 1, mean: 4, lower: 0, upper: 10, count: 3 })
  })

  it('summarise a metric as mean ± sample sd over the members that have it', () => {
    expect(groupSummary([0.2, 0.4, null])).toEqual({ mean: 0.30000000000000004, sd: 0.14142135623730953, count: 2 })
    expect(groupSummary([0.5])).toEqual({ mean: 0.5, sd: 0, count: 1 })
    expect(groupSummary([undefined, NaN])).toBeNull()
  })

  it('name a group after its first run, without the seed suffix replicates carry', () => {
    expect(groupName('wide GRU · seed 43')).toBe('wide GRU')
    expect(groupName('seed 7')).toBe('seed 7')
  })
})

import { describe, expect, it } from 'vitest'
import { compareViewQuery, DEFAULT_COMPARE_VIEW, parseCompareView } from '../../../../src/renderer/src/features/compare/compare-view-state'
import { differingKeys, sharedValues } from '../../../../src/renderer/src/features/compare/config-differences'
import { runColors } from '../../../../src/renderer/src/features/compare/run-colors'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'

describe('compare view in the URL', () => {
  it('round-trips every setting', () => {
    const view = { runIds: [4, 2, 9], baseline: 2, logScale: true, smoothing: 0.6, onlyDifferences: false, split: 'train' as const, scatterX: 'klWeight' as const, scatterY: 'loss', groupSeeds: true, band: 'minmax' as const }
    expect(parseCompareView(compareViewQuery(view))).toEqual(view)
  })

  it('leaves defaults out of the URL and repairs what it cannot read', () => {
    expect(compareViewQuery({ ...DEFAULT_COMPARE_VIEW, runIds: [1] })).toEqual({ runs: '1' })
    expect(parseCompareView({ runs: '3,x,3,-1,5', smooth: '7', x: 'nope', y: 'nope', base: 'b', log: 'yes', band: 'wide' })).toEqual({ ...DEFAULT_COMPARE_VIEW, runIds: [3, 5], smoothing: 0.99 })
  })
})

describe('config differences', () => {
  it('names the fields that differ and the values all share', () => {
    const configs = [DEFAULT_RUN_CONFIG, { ...DEFAULT_RUN_CONFIG, latentDim: 8 }, { ...DEFAULT_RUN_CONFIG, klWeight: 0.1 }]
    expect(differingKeys(configs)).toEqual(['latentDim', 'klWeight'])
    expect(sharedValues(configs)).toContainEqual({ key: 'hiddenUnits', value: 40 })
    expect(sharedValues(configs).some((s) => s.key === 'latentDim')).toBe(false)
    expect(differingKeys([DEFAULT_RUN_CONFIG])).toEqual([])
  })
})

describe('run colours', () => {
  it('use the palette first, then distinct generated colours for any number of runs', () => {
    const colors = runColors(25, ['#111111', '#222222'])
    expect(colors.slice(0, 2)).toEqual(['#111111', '#222222'])
    expect(new Set(colors).size).toBe(25)
  })
})

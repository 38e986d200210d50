import { describe, expect, it } from 'vitest'
import { classLabel } from '../../../../src/renderer/src/ui/sequence/class-names'
import { RUN_TABS, runTabOf } from '../../../../src/renderer/src/features/run/run-tabs'

describe('run tabs and class names', () => {
  it('resolves a route parameter to a tab, the overview for anything unknown', () => {
    expect(runTabOf('latent')).toBe('latent')
    expect(runTabOf(undefined)).toBe('overview')
    expect(runTabOf('Latent')).toBe('overview')
    expect(RUN_TABS.map((t) => t.key)).toEqual(['overview', 'reconstructions', 'generation', 'latent', 'normality', 'anomalies'])
  })

  it('names a class by its name, with the number where the name differs', () => {
    expect(classLabel(4, ['0', '1', '2', '3', '4'])).toBe('4')
    expect(classLabel(1, ['T-shirt', 'Trouser'])).toBe('1 · Trouser')
    expect(classLabel(7, null)).toBe('7')
    expect(classLabel(-1, ['a'])).toBe('unlabelled')
  })
})

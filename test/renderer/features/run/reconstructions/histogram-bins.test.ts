import { describe, expect, it } from 'vitest'
import { binRange } from '../../../../../src/renderer/src/features/run/reconstructions/histogram-bins'

describe('histogram bins', () => {
  it('names bin i by its two edges', () => {
    const edges = Float32Array.from([0.5, 0.525, 0.55])
    expect(binRange(edges, 0)).toBe('0.5–0.525')
    expect(binRange(edges, 1)).toBe('0.525–0.55')
  })
})

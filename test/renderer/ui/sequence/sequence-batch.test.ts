import { describe, expect, it } from 'vitest'
import { rowAt, sequenceAt, sequencesOf } from '../../../../src/renderer/src/ui/sequence/sequence-batch'

const batch = { count: 3, steps: 2, features: 2, data: Float32Array.from({ length: 12 }, (_, i) => i) }

describe('sequence batch', () => {
  it('slices sequence i as a batch of one sharing the memory', () => {
    const one = sequenceAt(batch, 1)
    expect(one).toMatchObject({ count: 1, steps: 2, features: 2 })
    expect(Array.from(one.data)).toEqual([4, 5, 6, 7])
    expect(one.data.buffer).toBe(batch.data.buffer)
  })

  it('refuses an index outside the batch', () => {
    expect(() => sequenceAt(batch, 3)).toThrow(RangeError)
    expect(() => sequenceAt(batch, -1)).toThrow(RangeError)
  })

  it('lists every sequence in order', () => {
    expect(sequencesOf(batch).map((s) => s.data[0])).toEqual([0, 4, 8])
  })

  it('reads a row of a row-major matrix', () => {
    expect(rowAt(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, 1)).toEqual([4, 5, 6])
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { denormalise, fitNormalisation, normalise } from '../../../../../src/main/lab/data/import/normalisation'

// Two features interleaved: [f0, f1, f0, f1, …].
const data = Float32Array.from([10, -1, 20, -3, 30, -2, 40, -1])

describe('per-feature normalisation', () => {
  it('min-max maps each feature onto exactly [0, 1]', () => {
    const n = fitNormalisation('min-max', data, 2)
    expect(n).toEqual({ kind: 'min-max', offset: [10, -3], scale: [30, 2] })
    expect(Array.from(normalise(data, n))).toEqual([0, 1, 1 / 3, 0, 2 / 3, 0.5, 1, 1].map(Math.fround))
  })

  it('z-score gives each feature mean 0 and standard deviation 1', () => {
    const n = fitNormalisation('z-score', data, 2)
    expect(n.offset[0]).toBe(25)
    expect(n.scale[0]).toBeCloseTo(Math.sqrt(125), 12)
    const z = normalise(data, n)
    expect(Array.from(z.filter((_, i) => i % 2 === 0), (v) => Number(v.toFixed(5)))).toEqual([-1.34164, -0.44721, 0.44721, 1.34164])
  })

  it('leaves a constant feature at 0 rather than dividing by zero', () => {
    const constant = Float32Array.from([5, 5, 5])
    expect(Array.from(normalise(constant, fitNormalisation('min-max', constant, 1)))).toEqual([0, 0, 0])
    expect(Array.from(normalise(constant, fitNormalisation('z-score', constant, 1)))).toEqual([0, 0, 0])
  })

  it('none keeps the values', () => {
    const n = fitNormalisation('none', data, 2)
    expect(Array.from(normalise(data, n))).toEqual(Array.from(data))
  })

  it('round-trips: denormalise(normalise(x)) is x to float32 precision, for every kind and any data', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('min-max' as const, 'z-score' as const, 'none' as const),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 }),
        (kind, features, raw) => {
          const values = Float32Array.from(raw.slice(0, Math.max(features, raw.length - (raw.length % features))))
          if (values.length % features !== 0) return
          const n = fitNormalisation(kind, values, features)
          const back = denormalise(normalise(values, n), n)
          values.forEach((v, i) => {
            const range = n.scale[i % features] * (kind === 'z-score' ? 10 : 1)
            expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(v), range) + 1e-30)
          })
        },
      ),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { resampleSeries } from '../../../../../src/main/lab/data/import/resampling'

const resample = (values: number[], steps: number, times: number[] | null = null, features = 1) => {
  const out = new Float32Array(steps * features)
  resampleSeries({ values: Float32Array.from(values), length: values.length / features, times: times && Float64Array.from(times), label: null }, features, steps, out)
  return Array.from(out, (v) => Math.round(v * 1e4) / 1e4)
}

describe('resampling to one length', () => {
  it('keeps a series that already has the length', () => {
    expect(resample([3, 1, 4, 1, 5], 5)).toEqual([3, 1, 4, 1, 5])
  })

  it('interpolates linearly from the first to the last step', () => {
    expect(resample([0, 10], 5)).toEqual([0, 2.5, 5, 7.5, 10])
    expect(resample([0, 10, 0], 4)).toEqual([0, 6.6667, 6.6667, 0])
    expect(resample([0, 8, 2, 6], 2)).toEqual([0, 6])
  })

  it('follows the times of unevenly sampled rows', () => {
    // t = 0, 1, 4: the value at t = 2 is a third of the way from 1 to 4.
    expect(resample([0, 10, 40], 5, [0, 1, 4])).toEqual([0, 10, 20, 30, 40])
  })

  it('resamples every feature of a step together', () => {
    expect(resample([0, 100, 10, 200], 3, null, 2)).toEqual([0, 100, 5, 150, 10, 200])
  })

  it('repeats a one-step series', () => {
    expect(resample([7], 3)).toEqual([7, 7, 7])
  })
})

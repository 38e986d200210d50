import { describe, expect, it } from 'vitest'
import { generateSines, syntheticSineSources } from '../../../../src/main/lab/data/synthetic-sines'

const series = (s: { steps: number; features: number; data: Float32Array }, i: number, f = 0) =>
  Array.from({ length: s.steps }, (_, t) => s.data[(i * s.steps + t) * s.features + f])
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length
/** How far v[t] is from the line through its neighbours (extrapolated at either end): a smooth sine barely is. */
const jump = (v: number[], t: number) => {
  const expected = t === 0 ? 2 * v[1] - v[2] : t === v.length - 1 ? 2 * v[t - 1] - v[t - 2] : (v[t - 1] + v[t + 1]) / 2
  return Math.abs(v[t] - expected)
}
/** Crossings of the centre line 0.5: twice per cycle. */
const crossings = (v: number[]) => v.slice(1).filter((x, t) => (x - 0.5) * (v[t] - 0.5) < 0).length

describe('synthetic sines', () => {
  it('are reproducible from their seed, in [0, 1], with exactly the requested share of anomalies labelled 1', () => {
    const options = { count: 200, steps: 32, seed: 7, anomalyRate: 0.05 }
    const a = generateSines(options)
    expect(Array.from(generateSines(options).data)).toEqual(Array.from(a.data))
    expect(Array.from(generateSines({ ...options, seed: 8 }).data)).not.toEqual(Array.from(a.data))
    expect(a.data.every((v) => v >= 0 && v <= 1)).toBe(true)
    expect(a.anomalies).toHaveLength(10)
    expect(a.labels.reduce((s, l) => s + l, 0)).toBe(10)
    for (const anomaly of a.anomalies) expect(a.labels[anomaly.index]).toBe(1)
    expect(new Set(a.anomalies.map((x) => x.kind))).toEqual(new Set(['spike', 'level-shift', 'frequency-change']))
    expect(generateSines({ count: 10, steps: 8, seed: 1 }).labels.every((l) => l === 0)).toBe(true)
  })

  it('inject a spike as a jump of 0.3 to 0.5 at its step', () => {
    const s = generateSines({ count: 100, steps: 40, seed: 3, anomalyRate: 0.1, anomalyKinds: ['spike'], noise: 0, cycles: [1, 1] })
    for (const { index, step } of s.anomalies) {
      const v = series(s, index)
      // One cycle in 40 steps bends the sine by at most 0.45·(2π/40)² ≈ 0.011 per step.
      expect(jump(v, step), `series ${index}`).toBeGreaterThan(0.28)
      expect(jump(v, step), `series ${index}`).toBeLessThan(0.52)
      expect(Math.max(...v.map((_, t) => (t === step || Math.abs(t - step) === 1 ? 0 : jump(v, t))))).toBeLessThan(0.02)
    }
  })

  it('inject a level shift that moves the rest of the series by 0.15 to 0.25', () => {
    const clean = { count: 400, steps: 64, seed: 4, noise: 0, cycles: [2, 2] as const }
    const shifted = generateSines({ ...clean, anomalyRate: 0.1, anomalyKinds: ['level-shift'] })
    // Two whole cycles per 64 steps: a whole cycle (32 steps) after the shift averages to its level.
    const measurable = shifted.anomalies.filter(({ index, step }) => step <= 32 && series(shifted, index).every((x) => x > 0 && x < 1))
    expect(measurable.length).toBeGreaterThanOrEqual(3)
    for (const { index, step } of measurable) {
      const level = mean(series(shifted, index).slice(step, step + 32))
      expect(Math.abs(level - 0.5), `series ${index}`).toBeGreaterThan(0.145)
      expect(Math.abs(level - 0.5), `series ${index}`).toBeLessThan(0.255)
    }
  })

  it('inject a frequency change that quickens the series after its step', () => {
    const s = generateSines({ count: 60, steps: 128, seed: 5, noise: 0, cycles: [3, 3], anomalyRate: 0.1, anomalyKinds: ['frequency-change'] })
    for (const { index, step } of s.anomalies) {
      const v = series(s, index)
      const before = crossings(v.slice(0, step)) / step
      const after = crossings(v.slice(step)) / (128 - step)
      expect(after, `series ${index}`).toBeGreaterThan(1.4 * before)
    }
  })

  it('give each channel of a multivariate series its own sine, and put an anomaly in one channel', () => {
    const s = generateSines({ count: 20, steps: 50, features: 3, seed: 6, noise: 0, anomalyRate: 0.1, anomalyKinds: ['spike'], cycles: [1, 1] })
    expect(s.data).toHaveLength(20 * 50 * 3)
    expect(series(s, 0, 0)).not.toEqual(series(s, 0, 1))
    for (const { index, step, feature } of s.anomalies) {
      const v = series(s, index, feature)
      expect(jump(v, step)).toBeGreaterThan(0.28)
    }
  })

  it('are offered as built-in datasets: clean, and with 5 % anomalies in both pool and test set', async () => {
    const [clean, anomalous] = syntheticSineSources()
    expect(clean.info()).toMatchObject({ name: 'synthetic-sines', kind: 'series', features: 1, available: true, classNames: ['normal', 'anomalous'] })
    const { pool, test } = await anomalous.load()
    expect([pool.count, test.count, pool.steps]).toEqual([anomalous.info().trainCount, anomalous.info().testCount, anomalous.info().steps])
    expect(pool.labels!.reduce((a, b) => a + b, 0)).toBe(Math.round(0.05 * pool.count))
    expect(test.labels!.reduce((a, b) => a + b, 0)).toBe(Math.round(0.05 * test.count))
    expect(Array.from(pool.data.subarray(0, 64))).not.toEqual(Array.from(test.data.subarray(0, 64)))
  })
})

import { describe, expect, it } from 'vitest'
import { recordingTimeline } from '../../../../src/main/lab/analysis/recording-timeline'
import { defaultScoreThreshold } from '../../../../src/main/lab/analysis/score-threshold'
import { timestampScores } from '../../../../src/main/lab/analysis/timestamp-scores'
import { flaggedSpans } from '../../../../src/shared/flagged-spans'
import { eventDetection } from '../../../helpers/event-detection'
import { recordingDetection } from '../../../helpers/recording-detection'

describe('the per-timestamp score of a recording', () => {
  it('combines the step scores of every window covering a timestamp by mean and by max', () => {
    // Windows of 4 every 2 over timestamps 10…17: 10–13, 12–15, 14–17.
    const steps = Float32Array.from([1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8])
    const { mean, max } = timestampScores(steps, Int32Array.from([10, 12, 14]), 4, { from: 10, to: 18 })
    expect(Array.from(mean)).toEqual([1, 2, 6.5, 12, 17.5, 23, 7, 8])
    expect(Array.from(max)).toEqual([1, 2, 10, 20, 30, 40, 7, 8])
    expect(Number.isNaN(timestampScores(steps, Int32Array.from([10, 12, 14]), 4, { from: 8, to: 10 }).mean[0])).toBe(true)
  })

  it('finds the flagged spans: maximal runs at or above the threshold, with their peak', () => {
    expect(flaggedSpans([0, 5, 6, 0, 0, 7, NaN, 9], 5)).toEqual([
      { from: 1, to: 3, peak: 6 },
      { from: 5, to: 6, peak: 7 },
      { from: 7, to: 8, peak: 9 },
    ])
  })

  it('sets the default threshold five robust standard deviations above the median', () => {
    const scores = Float32Array.from({ length: 101 }, (_, i) => (i === 100 ? 1000 : 1 + (i % 3)))
    // median 2, |deviations| median 1 → 2 + 5 · 1.4826.
    expect(defaultScoreThreshold(scores)).toBeCloseTo(2 + 5 * 1.4826, 5)
  })

  it('builds the timeline of the evaluation windows: the span they cover, in the file units, with curves where labelled', () => {
    const times = Float64Array.from({ length: 20 }, (_, i) => Date.UTC(2024, 0, 1) + i * 1000)
    const values = Float32Array.from({ length: 40 }, (_, i) => i)
    const labels = Uint8Array.from({ length: 20 }, (_, i) => (i === 13 ? 1 : 0))
    const stepScores = Float32Array.from({ length: 12 }, (_, i) => (i === 5 ? 9 : 1))
    const t = recordingTimeline(stepScores, Int32Array.from([10, 12, 14]), 4, { timeFormat: 'iso', featureNames: ['a', 'b'], times, values, labels })
    expect(Array.from(t.times)).toEqual(Array.from(times.subarray(10, 18)))
    expect(Array.from(t.values.subarray(0, 2))).toEqual([20, 21])
    expect(Array.from(t.labels!)).toEqual([0, 0, 0, 1, 0, 0, 0, 0])
    expect(Array.from(t.maxScore)).toEqual([1, 1, 1, 9, 1, 1, 1, 1])
    expect(t.curves!.max.rocAuc).toBe(1)
  })
})

describe('detecting injected anomalies in a recording (window 64, stride 8)', () => {
  it('finds spikes: event-level recall ≥ 0.9 at precision ≥ 0.5, and the default threshold finds them too', async () => {
    const r = await recordingDetection({
      timestamps: 20_000,
      kind: 'spike',
      spacing: 250,
      window: 64,
      stride: 8,
      seed: 1,
      config: { epochs: 10, hiddenUnits: 16, latentDim: 3, learningRate: 0.01, klWeight: 0.001, batchSize: 64 },
    })
    expect(r.events).toBeGreaterThanOrEqual(10)
    for (const best of [r.mean, r.max]) {
      expect(best.recall).toBeGreaterThanOrEqual(0.9)
      expect(best.precision).toBeGreaterThanOrEqual(0.5)
    }
    const atDefault = eventDetection(r.perTimestamp.mean, r.testEvents, defaultScoreThreshold(r.perTimestamp.mean))
    expect(atDefault.recall).toBeGreaterThanOrEqual(0.9)
    expect(atDefault.precision).toBeGreaterThanOrEqual(0.5)
  })
})

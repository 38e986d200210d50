import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anomalyFlags, detectionCurves } from '../../../../src/main/lab/analysis/detection-curves'

/** P(score of an anomaly > score of a normal sample) + ½ P(equal), over every pair. */
function pairwiseAuc(scores: number[], positive: boolean[]): number {
  let wins = 0
  let pairs = 0
  scores.forEach((s, i) => {
    if (!positive[i]) return
    scores.forEach((t, j) => {
      if (positive[j]) return
      pairs++
      wins += s > t ? 1 : s === t ? 0.5 : 0
    })
  })
  return wins / pairs
}

/** Mean over the anomalies of the precision among all samples scoring at least as high. */
function bruteAveragePrecision(scores: number[], positive: boolean[]): number {
  const precisions = scores
    .filter((_, i) => positive[i])
    .map((s) => {
      const flagged = scores.map((t, j) => [t >= s, positive[j]] as const).filter(([f]) => f)
      return flagged.filter(([, p]) => p).length / flagged.length
    })
  return precisions.reduce((a, b) => a + b, 0) / precisions.length
}

describe('detection curves', () => {
  it('match a case worked by hand', () => {
    const c = detectionCurves([0.9, 0.8, 0.7, 0.6], [true, false, true, false])
    expect(Array.from(c.thresholds)).toEqual([0.9, 0.8, 0.7, 0.6])
    expect(Array.from(c.tpr)).toEqual([0.5, 0.5, 1, 1])
    expect(Array.from(c.fpr)).toEqual([0, 0.5, 0.5, 1])
    expect(Array.from(c.precision)).toEqual([1, 0.5, 2 / 3, 0.5])
    expect(Array.from(c.truePositives)).toEqual([1, 1, 2, 2])
    expect(Array.from(c.falsePositives)).toEqual([0, 1, 1, 2])
    expect(c.rocAuc).toBe(0.75) // 3 of the 4 anomaly–normal pairs are ordered right
    expect(c.averagePrecision).toBeCloseTo((1 + 2 / 3) / 2, 12)
    expect([c.positives, c.negatives]).toEqual([2, 2])
  })

  it('let tied scores enter together, each tie counting half', () => {
    const c = detectionCurves([1, 1, 1, 0], [true, false, false, false])
    expect(Array.from(c.thresholds)).toEqual([1, 0])
    expect(c.rocAuc).toBeCloseTo(2 / 3, 12) // pairs (a,n1) and (a,n2) tie: ½ each; (a,n3) won
    expect(c.averagePrecision).toBeCloseTo(1 / 3, 12)
  })

  it('give 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(detectionCurves([3, 2, 1], [true, false, false]).rocAuc).toBe(1)
    expect(detectionCurves([1, 2, 3], [true, false, false]).rocAuc).toBe(0)
  })

  it('agree with the pairwise AUC and brute-force average precision on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.boolean()), { minLength: 2, maxLength: 80 }),
        (pairs) => {
          const scores = pairs.map(([s]) => s / 4) // small integers: many ties
          const positive = pairs.map(([, p]) => p)
          if (!positive.some(Boolean) || positive.every(Boolean)) return
          const c = detectionCurves(scores, positive)
          expect(c.rocAuc).toBeCloseTo(pairwiseAuc(scores, positive), 12)
          expect(c.averagePrecision).toBeCloseTo(bruteAveragePrecision(scores, positive), 12)
          expect(c.tpr[c.tpr.length - 1]).toBe(1)
          expect(c.fpr[c.fpr.length - 1]).toBe(1)
        },
      ),
    )
  })

  it('refuse data with one class only, or NaN scores', () => {
    expect(() => detectionCurves([1, 2], [false, false])).toThrow('detection curves need anomalous and normal samples; these 2 are all normal')
    expect(() => detectionCurves([1, NaN], [true, false])).toThrow('detection curves need numeric scores; sample 1 has NaN')
  })
})

describe('which labels mark anomalies', () => {
  const labels = Int32Array.from([0, 0, 1, 0, 1, 0])
  it('takes the rarer of two classes unless a class is named', () => {
    expect(anomalyFlags(labels, ['normal', 'anomalous'])).toEqual([false, false, true, false, true, false])
    expect(anomalyFlags(Int32Array.from([1, 1, 0]), ['a', 'b'])).toEqual([false, false, true])
    expect(anomalyFlags(labels, ['normal', 'anomalous'], 'normal')).toEqual([true, true, false, true, false, true])
  })

  it('has no answer for more than two classes unless told, and refuses an unknown class', () => {
    expect(anomalyFlags(labels, ['a', 'b', 'c'])).toBeNull()
    expect(() => anomalyFlags(labels, ['a', 'b'], 'z')).toThrow('there is no class "z"; the classes are a, b')
  })
})

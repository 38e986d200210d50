import { describe, expect, it } from 'vitest'
import { anomalyShare, markersAt, precisionRecallPoints, rocPoints } from '../../../../../src/renderer/src/features/run/anomalies/curve-points'
import { scoreHistogram, topScoring } from '../../../../../src/renderer/src/features/run/anomalies/score-histogram'
import { bestF1Index, confusionAt, indexForThreshold } from '../../../../../src/renderer/src/features/run/anomalies/threshold-confusion'
import type { AnomalyCurves } from '../../../../../src/shared/anomaly-report'

/** Scores 0.9, 0.8, 0.7, 0.2 of labels anomalous, normal, anomalous, normal: the curves a Lab would send. */
const curves: AnomalyCurves = {
  positives: 2,
  negatives: 2,
  thresholds: Float32Array.from([0.9, 0.8, 0.7, 0.2]),
  truePositives: Int32Array.from([1, 1, 2, 2]),
  falsePositives: Int32Array.from([0, 1, 1, 2]),
  fpr: Float32Array.from([0, 0.5, 0.5, 1]),
  tpr: Float32Array.from([0.5, 0.5, 1, 1]),
  precision: Float32Array.from([1, 0.5, 2 / 3, 0.5]),
  recall: Float32Array.from([0.5, 0.5, 1, 1]),
  rocAuc: 0.75,
  averagePrecision: 0.833,
}

describe('picking an anomaly threshold', () => {
  it('counts what flagging at point k does, the four counts adding up to every labelled sample', () => {
    const c = confusionAt(curves, 2)
    expect(c).toEqual({ threshold: Math.fround(0.7), truePositives: 2, falsePositives: 1, falseNegatives: 0, trueNegatives: 1, precision: 2 / 3, recall: 1, flagged: 3 })
    for (let k = 0; k < 4; k++) {
      const { truePositives, falsePositives, falseNegatives, trueNegatives } = confusionAt(curves, k)
      expect(truePositives + falsePositives + falseNegatives + trueNegatives).toBe(4)
    }
  })

  it('starts at the best F1 and snaps a typed value to the threshold that flags exactly the samples scoring at least that', () => {
    expect(bestF1Index(curves)).toBe(2)
    expect(indexForThreshold(curves.thresholds, 0.75)).toBe(1)
    expect(indexForThreshold(curves.thresholds, 0.7)).toBe(2)
    expect(indexForThreshold(curves.thresholds, 5)).toBe(0)
    expect(indexForThreshold(curves.thresholds, -1)).toBe(3)
  })

  it('puts point k at the same threshold on the ROC and the PR curve', () => {
    expect(markersAt(curves, 1)).toEqual({ roc: [0.5, 0.5], pr: [0.5, 0.5] })
    expect(markersAt(curves, 2)).toEqual({ roc: [0.5, 1], pr: [1, Math.fround(2 / 3)] })
    // The ROC curve starts at the origin (nothing flagged); PR chance is the share of anomalies.
    expect(rocPoints(curves)).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ])
    expect(precisionRecallPoints(curves)).toHaveLength(4)
    expect(anomalyShare(curves)).toBe(0.5)
  })
})

describe('score distribution and top samples', () => {
  it('bins the scores by kind of sample over their range', () => {
    const h = scoreHistogram([0, 1, 2, 3, 4, Number.NaN], [0, 1, 1, -1, 0, 1], [1], 4)
    expect(h.edges).toEqual([0, 1, 2, 3, 4])
    expect(h.normal).toEqual([1, 0, 0, 1])
    expect(h.anomalous).toEqual([0, 1, 1, 0])
    expect(h.unlabelled).toEqual([0, 0, 0, 1])
    expect(scoreHistogram([2, 2], [0, 0], [], 10)).toEqual({ edges: [2, 3], normal: [2], anomalous: [0], unlabelled: [0] })
  })

  it('lists the highest scores first, NaN last, ties in report order', () => {
    expect(topScoring([0.1, 0.5, Number.NaN, 0.5, 0.9], 4)).toEqual([4, 1, 3, 0])
  })
})

import { describe, expect, it } from 'vitest'
import { datasetFacts, normalisationText } from '../../../../src/renderer/src/features/datasets/dataset-facts'
import { datasetChoiceLabel, datasetChoiceTooltip, datasetShape } from '../../../../src/renderer/src/entities/dataset-description'
import type { DatasetDetail } from '../../../../src/shared/datasets'

const imported: DatasetDetail = {
  name: 'ecg',
  title: 'ECG.csv',
  steps: 96,
  features: 2,
  trainCount: 160,
  testCount: 40,
  classNames: ['anomalous', 'normal'],
  kind: 'series',
  available: true,
  imported: true,
  suggestedConfig: { likelihood: 'gaussian' },
  featureNames: ['lead1', 'lead2'],
  normalisation: { kind: 'z-score', offset: [10, -0.25], scale: [1.5, 2] },
  source: { file: 'ECG.csv', sha256: 'ab'.repeat(32), bytes: 2048, rows: 19200, labelsFile: null, labelsSha256: null },
  minLength: 80,
  maxLength: 96,
  createdAt: '2026-11-28T01:00:00Z',
  recording: null,
  preview: { count: 0, steps: 96, features: 2, data: new Float32Array(0), labels: new Int32Array(0) },
}

describe('what a dataset page says about a dataset', () => {
  it('reads shapes as pictures or series, and labels picker choices with them', () => {
    expect(datasetShape({ kind: 'image', steps: 28, features: 28 })).toBe('28 × 28 images')
    expect(datasetShape({ kind: 'series', steps: 32, features: 1 })).toBe('32 steps × 1 feature')
    expect(datasetChoiceLabel(imported)).toBe('ecg · 96 steps × 2 features · imported')
    expect(datasetChoiceTooltip(imported)).toBe('ECG.csv')
    const missing = { ...imported, imported: false, available: false, title: 'ECG leads', hint: 'install it with: apt-get install ecg' }
    expect(datasetChoiceLabel(missing)).toBe('ecg · 96 steps × 2 features · ECG leads (unavailable)')
    expect(datasetChoiceTooltip(missing)).toBe('install it with: apt-get install ecg')
  })

  it('lists provenance, normalisation and lengths of an imported dataset', () => {
    const facts = Object.fromEntries(datasetFacts(imported).map((f) => [f.label, f]))
    expect(facts['Sequences'].value).toBe('160 training · 40 test')
    expect(facts['Classes'].value).toBe('2: anomalous, normal')
    expect(facts['Length before resampling'].value).toBe('80 to 96 steps, resampled to 96')
    expect(facts['Normalisation'].value).toBe('z-score (mean 0, sd 1); lead1: (x − 10) / 1.5; lead2: (x + 0.25) / 2')
    expect(facts['File'].value).toBe('ECG.csv · 2.0 KiB · 19,200 rows')
    expect(facts['SHA-256']).toEqual({ label: 'SHA-256', value: 'abababababab…', title: 'ab'.repeat(32) })
    expect(facts['Labels file']).toBeUndefined()
  })

  it('gives a built-in dataset no provenance or normalisation rows', () => {
    const labels = datasetFacts({ ...imported, imported: false, normalisation: null, source: null, featureNames: null, createdAt: null, minLength: 28, maxLength: 28 }).map((f) => f.label)
    expect(labels).toEqual(['Shape', 'Sequences', 'Classes', 'Length before resampling'])
    expect(normalisationText({ kind: 'none', offset: [0], scale: [1] }, null)).toBe('none (original values)')
  })
})

import type { DatasetInfo } from '../../../shared/api'
import { SeededRandom } from '../common/seeded-random'
import type { DatasetSource } from './dataset-source'
import { SINE_SUGGESTION } from './suggested-config'
import type { SequenceSet } from './sequence-set'

export const ANOMALY_KINDS = ['spike', 'level-shift', 'frequency-change'] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]

export interface SineOptions {
  count: number
  steps: number
  /** Channels per series; each has its own frequency, phase and amplitude. */
  features?: number
  seed: number
  /** Share of series given one injected anomaly: exactly round(rate × count) of them. */
  anomalyRate?: number
  /** Kinds to draw from, uniformly (default: all). */
  anomalyKinds?: readonly AnomalyKind[]
  /** Cycles per series, drawn uniformly from this range (default 1 to 3). */
  cycles?: readonly [number, number]
  /** Standard deviation of the Gaussian noise added to every value (default 0.02). */
  noise?: number
}

export interface InjectedAnomaly {
  index: number
  kind: AnomalyKind
  feature: number
  /** The step where it happens (spike) or starts (level shift, frequency change). */
  step: number
}

/** Labels are 1 for series with an injected anomaly and 0 otherwise. */
export interface SyntheticSines extends SequenceSet {
  labels: Int32Array
  anomalies: InjectedAnomaly[]
}

export const SINE_CLASS_NAMES = ['normal', 'anomalous']

/**
 * Noisy sines in [0, 1] (centre 0.5, amplitude 0.25–0.45, so clean values stay within about
 * 0.05–0.95 and the BCE decoder can reach them), seeded and reproducible. Anomalies:
 * - spike: one step jumps 0.3–0.5 towards the far side of the centre;
 * - level-shift: from a step in the middle half on, the channel moves by ±0.15–0.25;
 * - frequency-change: from a step in the middle half on, the channel runs 1.8–2.5× faster, its
 *   phase continuous (no jump, only the rhythm changes).
 * Values are clipped to [0, 1].
 */
export function generateSines(options: SineOptions): SyntheticSines {
  const { count, steps, seed } = options
  const features = options.features ?? 1
  const kinds = options.anomalyKinds ?? ANOMALY_KINDS
  const [minCycles, maxCycles] = options.cycles ?? [1, 3]
  const noise = options.noise ?? 0.02
  const rng = new SeededRandom(seed)
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.next()
  const data = new Float32Array(count * steps * features)
  const labels = new Int32Array(count)

  const anomalous = rng.shuffle(Int32Array.from({ length: count }, (_, i) => i)).subarray(0, Math.round((options.anomalyRate ?? 0) * count))
  const planned = new Map<number, InjectedAnomaly>()
  for (const index of anomalous) {
    const kind = kinds[rng.int(kinds.length)]
    const step = kind === 'spike' ? rng.int(steps) : Math.floor(steps / 4) + rng.int(Math.max(1, Math.floor(steps / 2)))
    planned.set(index, { index, kind, feature: rng.int(features), step })
  }

  for (let i = 0; i < count; i++) {
    const anomaly = planned.get(i)
    for (let f = 0; f < features; f++) {
      const omega = (2 * Math.PI * uniform(minCycles, maxCycles)) / steps // radians per step
      const phase = uniform(0, 2 * Math.PI)
      const amplitude = uniform(0.25, 0.45)
      const hit = anomaly?.feature === f ? anomaly : undefined
      const speedUp = hit?.kind === 'frequency-change' ? uniform(1.8, 2.5) : 1
      const shift = hit?.kind === 'level-shift' ? (rng.next() < 0.5 ? -1 : 1) * uniform(0.15, 0.25) : 0
      const spike = hit?.kind === 'spike' ? uniform(0.3, 0.5) : 0
      let angle = phase
      for (let t = 0; t < steps; t++) {
        let v = 0.5 + amplitude * Math.sin(angle) + noise * rng.normal()
        if (hit && t >= hit.step) v += shift
        if (hit && t === hit.step && spike) v += v >= 0.5 ? -spike : spike
        data[(i * steps + t) * features + f] = Math.min(1, Math.max(0, v))
        angle += omega * (hit && t + 1 >= hit.step ? speedUp : 1)
      }
    }
    if (anomaly) labels[i] = 1
  }
  return { count, steps, features, data, labels, anomalies: [...planned.values()].sort((a, b) => a.index - b.index) }
}

/** A named, fixed synthetic dataset: the training pool and the test set use different seeds. */
export function syntheticSinesSource(name: string, title: string, options: Omit<SineOptions, 'count' | 'seed'> & { trainCount: number; testCount: number; seed: number }): DatasetSource {
  const { trainCount, testCount, seed, ...shape } = options
  const info: DatasetInfo = {
    name,
    title,
    steps: shape.steps,
    features: shape.features ?? 1,
    trainCount,
    testCount,
    classNames: SINE_CLASS_NAMES,
    kind: 'series',
    available: true,
    imported: false,
    suggestedConfig: SINE_SUGGESTION,
  }
  return {
    info: () => info,
    load: async () => ({
      pool: generateSines({ ...shape, count: trainCount, seed }),
      test: generateSines({ ...shape, count: testCount, seed: seed + 1 }),
    }),
  }
}

/**
 * The built-in synthetic datasets: clean sines, and sines with 5 % injected anomalies of every kind.
 * Half to one and a half cycles in 32 steps: a small model learns them in a few epochs with the
 * settings of SINE_SUGGESTION (see suggested-config.ts).
 */
export function syntheticSineSources(): DatasetSource[] {
  const shape = { steps: 32, cycles: [0.5, 1.5] as const, trainCount: 5000, testCount: 1000, seed: 20240 }
  return [
    syntheticSinesSource('synthetic-sines', 'Synthetic sines (32 steps, clean)', shape),
    syntheticSinesSource('synthetic-sines-anomalies', 'Synthetic sines with 5 % anomalies (spikes, level shifts, frequency changes)', {
      ...shape,
      anomalyRate: 0.05,
    }),
  ]
}

/**
 * A synthetic sensor recording with anomalies injected at known times, from public formulas:
 * three features, each a sine of its own period plus Gaussian noise (σ 0.1). Anomalies of one kind
 * are placed every `spacing` timestamps (jittered), each in one feature:
 *   spike            one timestamp raised by 3 (30 σ of the noise, 3× the feature's amplitude)
 *   level-shift      40 timestamps raised by 1.5
 *   frequency-change 60 timestamps at 4× the feature's frequency
 */

export const RECORDING_ANOMALY_KINDS = ['spike', 'level-shift', 'frequency-change'] as const
export type RecordingAnomalyKind = (typeof RECORDING_ANOMALY_KINDS)[number]

export interface InjectedEvent {
  kind: RecordingAnomalyKind
  /** [from, to) by timestamp index. */
  from: number
  to: number
  feature: number
}

export interface SyntheticRecording {
  timestamps: number
  features: number
  /** [timestamps, 3] row-major. */
  values: Float32Array
  /** 1 inside an injected event. */
  labels: Uint8Array
  events: InjectedEvent[]
}

const PERIODS = [50, 120, 80]
const AMPLITUDES = [1, 0.6, 0.8]
const LENGTHS: Record<RecordingAnomalyKind, number> = { spike: 1, 'level-shift': 40, 'frequency-change': 60 }

/** Mulberry32, with Box–Muller normals: the same recording for the same seed on every machine. */
function random(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

export function syntheticRecording(options: { timestamps: number; kind: RecordingAnomalyKind; spacing: number; seed: number }): SyntheticRecording {
  const { timestamps, kind, spacing } = options
  const rng = random(options.seed)
  const features = PERIODS.length
  const events: InjectedEvent[] = []
  const length = LENGTHS[kind]
  for (let at = spacing / 2; at + spacing / 2 + length < timestamps; at += spacing) {
    const from = Math.round(at + (rng.uniform() - 0.5) * spacing * 0.4)
    events.push({ kind, from, to: from + length, feature: Math.floor(rng.uniform() * features) })
  }
  const values = new Float32Array(timestamps * features)
  const labels = new Uint8Array(timestamps)
  for (let t = 0; t < timestamps; t++) {
    for (let f = 0; f < features; f++) {
      const event = events.find((e) => e.feature === f && t >= e.from && t < e.to)
      const speed = event?.kind === 'frequency-change' ? 4 : 1
      let v = AMPLITUDES[f] * Math.sin((2 * Math.PI * speed * t) / PERIODS[f]) + 0.1 * rng.normal()
      if (event?.kind === 'spike') v += 3
      if (event?.kind === 'level-shift') v += 1.5
      values[t * features + f] = v
    }
  }
  for (const e of events) labels.fill(1, e.from, e.to)
  return { timestamps, features, values, labels, events }
}

import type { RunConfig } from '../../../shared/run-config'
import { modelSpecFor, type ModelSpec } from './model-spec'
import { parameterCount, sizeOf, weightLayout } from './weight-layout'

/** A config's model layer by layer (`seqvae model`): weights by name and shape, and parameter counts. */
export interface ModelArchitecture {
  spec: ModelSpec
  params: number
  layers: { name: string; weights: { name: string; shape: number[] }[]; params: number }[]
}

export function describeArchitecture(config: RunConfig, steps: number, features: number): ModelArchitecture {
  const spec = modelSpecFor(config, steps, features)
  const layers = new Map<string, { weights: { name: string; shape: number[] }[]; params: number }>()
  for (const w of weightLayout(spec)) {
    const layer = w.name.split('/')[0]
    const entry = layers.get(layer) ?? { weights: [], params: 0 }
    entry.weights.push({ name: w.name, shape: w.shape })
    entry.params += sizeOf(w.shape)
    layers.set(layer, entry)
  }
  return { spec, params: parameterCount(spec), layers: [...layers].map(([name, l]) => ({ name, ...l })) }
}

import type { RunConfig } from '../../../shared/run-config'
import type { ModelSpec } from '../model/model-spec'
import { loadTfjsEngine } from '../model/tfjs-modules'
import type { WeightTensor } from '../model/weight-layout'
import { createFusedEngine } from './fused/fused-engine'
import type { TrainingEngine } from './training-engine'

/**
 * Builds the engine a run asked for. `auto` takes the fused engine (native AVX2 kernels on both
 * cores, or its plain-TS fallback where the addon did not build — still 2–3× tfjs-wasm), unless the
 * config names a tfjs backend, which only the tfjs engine has. `tfjs` is the reference path and the
 * GPU route through tfjs-node-gpu; tfjs itself is loaded only then (see tfjs-modules.ts).
 */
export async function createEngine(
  config: Pick<RunConfig, 'engine' | 'backend' | 'learningRate'>,
  spec: ModelSpec,
  weights: WeightTensor[],
): Promise<TrainingEngine> {
  const useFused = config.engine === 'fused' || (config.engine === 'auto' && config.backend === 'auto')
  if (useFused) return createFusedEngine({ spec, learningRate: config.learningRate, weights })
  const { createTfjsEngine } = await loadTfjsEngine()
  return createTfjsEngine({ spec, learningRate: config.learningRate, weights, backend: config.backend })
}

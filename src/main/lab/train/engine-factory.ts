import type { RunConfig } from '../../../shared/run-config'
import type { ModelSpec } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'
import { createTfjsEngine } from '../model/tfjs/tfjs-engine'
import type { TrainingEngine } from './training-engine'

/**
 * Builds the engine a run asked for: `fused` where it is available (fast CPU kernels), `tfjs`
 * otherwise or when asked for (the reference path, and the GPU route through tfjs-node-gpu).
 */
export async function createEngine(
  config: Pick<RunConfig, 'engine' | 'backend' | 'learningRate'>,
  spec: ModelSpec,
  weights: WeightTensor[],
): Promise<TrainingEngine> {
  return createTfjsEngine({ spec, learningRate: config.learningRate, weights, backend: config.backend })
}

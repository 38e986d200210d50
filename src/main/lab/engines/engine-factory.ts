import type { RunConfig } from '../../../shared/run-config'
import type { ModelSpec } from '../model/model-spec'
import type { WeightTensor } from '../model/weight-layout'
import { createFusedEngine, createFusedInference } from './fused/fused-engine'
import type { InferenceEngine } from './inference-engine'
import { loadTfjsEngine } from './tfjs-modules'
import type { TrainingEngine } from './training-engine'

type EngineChoice = Pick<RunConfig, 'engine' | 'backend'>

/**
 * `auto` takes the fused engine (native AVX2 kernels on both cores, or its plain-TS fallback where
 * the addon did not build — still 2–3× tfjs-wasm), unless the config names a tfjs backend, which
 * only the tfjs engine has. `tfjs` is the reference path and the GPU route through tfjs-node-gpu;
 * tfjs itself is loaded only then (see tfjs-modules.ts).
 */
const usesFused = ({ engine, backend }: EngineChoice) => engine === 'fused' || (engine === 'auto' && backend === 'auto')

/** Builds the engine a run asked for, to train it; `threads` sets the fused engine's native threads (a worker that shares its machine). */
export async function createEngine(
  config: EngineChoice & Pick<RunConfig, 'learningRate'>,
  spec: ModelSpec,
  weights: WeightTensor[],
  { threads }: { threads?: number } = {},
): Promise<TrainingEngine> {
  if (usesFused(config)) return createFusedEngine({ spec, learningRate: config.learningRate, weights, threads })
  const { createTfjsEngine } = await loadTfjsEngine()
  return createTfjsEngine({ spec, learningRate: config.learningRate, weights, backend: config.backend })
}

/** Builds the engine a run asked for, to encode and decode with its weights (analysis): no optimizer. */
export async function createInferenceEngine(config: EngineChoice, spec: ModelSpec, weights: WeightTensor[]): Promise<InferenceEngine> {
  if (usesFused(config)) return createFusedInference({ spec, weights })
  const { createTfjsInference } = await loadTfjsEngine()
  return createTfjsInference({ spec, weights, backend: config.backend })
}

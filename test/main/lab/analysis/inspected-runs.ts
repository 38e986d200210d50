import type { RunId } from '../../../../src/shared/api'
import { RunConfigSchema, type RunConfigInput } from '../../../../src/shared/run-config'
import { encodeEvaluationSet } from '../../../../src/main/lab/analysis/evaluation-encoding'
import { EvaluationSetCache } from '../../../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../../../src/main/lab/data/dataset-registry'
import { gatherInto, selectSequences, sequenceSize } from '../../../../src/main/lab/data/sequence-set'
import { initialWeights } from '../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../src/main/lab/model/model-spec'
import type { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { createEngine } from '../../../../src/main/lab/engines/engine-factory'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'

const TRAIN_STEPS = 15
const BATCH = 32

/**
 * Stores a finished run the way training leaves one (final weights, the evaluation set's codes and
 * errors from `encodeEvaluationSet`), without a worker process: a few Adam steps from the initial
 * weights on the first test samples, enough for the codes and errors to differ from sample to sample.
 */
export async function storeFinishedRun(store: WorkbenchStore, sets: EvaluationSetCache, input: RunConfigInput): Promise<RunId> {
  const config = RunConfigSchema.parse(input)
  const run = store.runs.create(config, 'inspected')
  const info = findDataset(config.dataset).info()
  const spec = modelSpecFor(config, info.steps, info.features)
  const engine = await createEngine(config, spec, initialWeights(spec, config.seed))
  try {
    const test = await sets.testSet(config.dataset)
    const testIndices = Int32Array.from({ length: config.evalLimit ?? test.count }, (_, i) => i)
    const evaluation = selectSequences(test, testIndices)
    const random = new SeededRandom(config.seed)
    const x = new Float32Array(BATCH * sequenceSize(test))
    const order = random.shuffle(Int32Array.from(testIndices))
    for (let step = 0; step < TRAIN_STEPS; step++) {
      gatherInto(evaluation, order, (step * BATCH) % (order.length - BATCH), BATCH, x)
      await engine.trainStep(x, random.fillNormal(new Float32Array(BATCH * config.latentDim)), BATCH, config.klWeight)
    }
    store.artifacts.saveFinalWeights(run.id, await engine.getWeights())
    store.artifacts.saveLatents({ runId: run.id, ...(await encodeEvaluationSet(engine, evaluation, testIndices, config)) })
    store.runs.setStatus(run.id, 'finished')
    return run.id
  } finally {
    engine.dispose()
  }
}

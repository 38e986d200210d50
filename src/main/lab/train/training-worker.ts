/**
 * Entry point of a training process (child_process.fork under Node, utilityProcess in Electron).
 * It loads the data, builds the engine, trains and evaluates, and streams everything to the Lab,
 * which alone writes the database. It exits when the Lab goes away, and after its run unless the
 * run's `start` asked it to stay for the next one (a queue worker's warm process).
 */
import { splitDataset } from '../data/dataset-split'
import { findDataset } from '../data/dataset-registry'
import { packagedDatasetSource } from '../data/import/dataset-package'
import { importedDatasetSourcesInFile } from '../data/import/imported-dataset-source'
import type { EpochLatentStats } from '../../../shared/latent-diagnostics'
import type { EpochLatentSnapshot } from '../../../shared/latent-timeline'
import { encodeCodes, encodeEvaluationSet } from '../analysis/evaluation-encoding'
import { latentSnapshot, snapshotPositions } from '../analysis/latent-snapshot'
import { epochLatentStats } from '../analysis/normality/epoch-latent-stats'
import type { SequenceSet } from '../data/sequence-set'
import type { DatasetSource, LoadedDataset } from '../data/dataset-source'
import { initialWeights } from '../model/initial-weights'
import { modelSpecFor } from '../model/model-spec'
import { parameterCount } from '../model/weight-layout'
import { createEngine } from '../engines/engine-factory'
import { describeEnvironment } from './run-environment'
import type { TrainingEngine } from '../engines/training-engine'
import type { Checkpoint } from '../model/checkpoint'
import { initialTrainState, NonFiniteLossError, trainEpochs, type TrainingCallbacks } from './training-loop'
import type { ParentToWorker, WorkerToParent } from './worker-protocol'
import { connectToParent } from './worker-channel'

type Start = Extract<ParentToWorker, { type: 'start' }>

const channel = connectToParent<ParentToWorker, WorkerToParent>()
let stopRequested = false

channel.onMessage((message) => {
  if (message.type === 'cancel') {
    stopRequested = true
    return
  }
  // A cancel meant for an earlier run arrives before this start, so it is forgotten here.
  stopRequested = false
  void run(message).then(
    () => {
      if (!message.keepAlive) channel.close()
    },
    (e: unknown) => {
      if (!(e instanceof NonFiniteLossError)) console.error(e)
      const error = e instanceof NonFiniteLossError ? e.message : `training failed: ${(e as Error)?.message ?? String(e)}`
      channel.send({ type: 'done', status: 'failed', error })
      // Even a warm process leaves after a failure: whatever broke may have left it unfit.
      channel.close()
    },
  )
})

/** The last dataset a warm process loaded, kept for its next run: loading MNIST takes longer than a short run's first epoch. */
let lastLoaded: { key: string; data: Promise<LoadedDataset> } | null = null

function datasetSource(start: Start): DatasetSource {
  if (start.datasetPackage) return packagedDatasetSource(start.datasetPackage)
  return findDataset(start.config.dataset, importedDatasetSourcesInFile(start.databaseFile))
}

function loadDataset(start: Start): Promise<LoadedDataset> {
  // A package's file is named by its content's hash; a built-in is the same data on every load.
  const key = start.datasetPackage ?? `built-in:${start.config.dataset}`
  if (lastLoaded?.key === key) return lastLoaded.data
  const data = datasetSource(start).load()
  lastLoaded = start.keepAlive ? { key, data } : null
  return data
}

/**
 * The validation codes after an epoch: their statistics (how they drift towards or away from the
 * prior) and the snapshot subset's z_mean (the latent space as training forms it), from one encode.
 */
async function validationLatents(
  engine: TrainingEngine,
  val: SequenceSet,
  latentDim: number,
  positions: Int32Array,
): Promise<{ latentStats: EpochLatentStats | null; latentSnapshot: EpochLatentSnapshot | null }> {
  if (val.count < 2) return { latentStats: null, latentSnapshot: null }
  const { zMean, zLogVar } = await encodeCodes(engine, val, latentDim)
  return {
    latentStats: epochLatentStats(zMean, zLogVar, val.count, latentDim),
    latentSnapshot: latentSnapshot(zMean, latentDim, val.labels, positions),
  }
}

async function run(start: Start): Promise<void> {
  const { config, resumeFrom } = start
  channel.send({ type: 'phase', phase: 'loading-data' })
  const { pool, test, timeOrder } = await loadDataset(start)
  const splits = splitDataset(pool, test, config, timeOrder)
  const spec = modelSpecFor(config, pool.steps, pool.features)
  const positions = snapshotPositions(splits.val.count, config.seed)
  const engine = await createEngine(config, spec, resumeFrom?.weights ?? initialWeights(spec, config.seed), { threads: start.threads })
  try {
    if (resumeFrom) await engine.setOptimizerState(resumeFrom.optimizer)
    channel.send({
      type: 'started',
      engine: engine.engine,
      backend: engine.backend,
      params: parameterCount(spec),
      env: describeEnvironment(engine.engine, engine.backend),
    })
    const callbacks: TrainingCallbacks = {
      onProgress: (progress) => channel.send({ type: 'progress', progress }),
      onBatches: (batches) => channel.send({ type: 'batches', batches }),
      onEpoch: async (metrics, state, best) => {
        const [weights, optimizer] = await Promise.all([engine.getWeights(), engine.getOptimizerState()])
        const latents = await validationLatents(engine, splits.val, config.latentDim, positions)
        const checkpoint: Checkpoint = { epoch: state.epoch, weights, optimizer, state }
        if (best) checkpoint.best = best
        channel.send({ type: 'epoch', metrics, checkpoint, ...latents })
      },
      shouldStop: () => stopRequested,
    }
    const outcome = await trainEpochs(engine, config, splits, resumeFrom?.state ?? initialTrainState(config), callbacks, resumeFrom?.best ?? null)
    if (outcome.status === 'cancelled') {
      channel.send({ type: 'done', status: 'cancelled', error: null })
      return
    }
    // The engine now holds the weights the run keeps (the best epoch's, where it restores them).
    channel.send({ type: 'stopped', stop: outcome.stop })
    channel.send({ type: 'phase', phase: 'evaluating', done: 0, total: splits.test.count })
    const latents = await encodeEvaluationSet(engine, splits.test, splits.testIndices, config, (done, total) =>
      channel.send({ type: 'phase', phase: 'evaluating', done, total }),
    )
    channel.send({ type: 'evaluated', latents, weights: await engine.getWeights() })
    channel.send({ type: 'done', status: 'finished', error: null })
  } finally {
    engine.dispose()
  }
}

import type { BatchMetric, EpochMetrics, ProgressInfo, RunStop } from '../../../shared/api'
import type { RunConfig } from '../../../shared/run-config'
import { gatherInto, sequenceSize, type SequenceSet } from '../data/sequence-set'
import { SeededRandom } from '../common/seeded-random'
import type { Checkpoint, TrainState } from '../model/checkpoint'
import type { BatchLosses, TrainingEngine } from '../engines/training-engine'
import { afterEpoch, NO_EPOCH_YET } from './early-stopping'

export interface TrainingCallbacks {
  onProgress(p: ProgressInfo): void
  /** Sampled per-batch losses, flushed once per epoch. */
  onBatches(batches: BatchMetric[]): void
  /**
   * After each epoch; the state (and, for a run that restores them, the best epoch's weights) is
   * what a checkpoint needs to resume after this epoch.
   */
  onEpoch(metrics: EpochMetrics, state: TrainState, best: BestWeights | null): Promise<void>
  /** Polled between batches: true stops training at the next batch boundary. */
  shouldStop(): boolean
}

type BestWeights = NonNullable<Checkpoint['best']>

/** How training ended: cancelled, or over (every epoch trained, or stopped early) and how. */
export type TrainingOutcome = { status: 'cancelled' } | { status: 'finished'; stop: RunStop }

/** For training nobody watches (tests, benchmarks): it runs to the end and reports nothing. */
export const UNWATCHED: TrainingCallbacks = {
  onProgress: () => {},
  onBatches: () => {},
  onEpoch: async () => {},
  shouldStop: () => false,
}

/** How a non-finite-loss failure's message starts: such a run is not worth resuming. */
export const NON_FINITE_LOSS_PREFIX = 'the loss became'

export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError'
}

/** Keep at most about this many per-batch points per run, whatever its length. */
const MAX_BATCH_POINTS = 2000
const PROGRESS_INTERVAL_MS = 250
const EVAL_CHUNK = 500

/** λ for a (1-based) epoch: ramps linearly from 0 over `klWarmupEpochs`, then stays at `klWeight`. */
export function klWeightForEpoch(config: RunConfig, epoch: number): number {
  if (config.klWarmupEpochs <= 0) return config.klWeight
  return config.klWeight * Math.min(1, (epoch - 1) / config.klWarmupEpochs)
}

/** Validation noise is seeded per epoch so val_loss is reproducible and never disturbs the training RNG. */
function validationRandom(config: RunConfig, epoch: number): SeededRandom {
  return new SeededRandom((config.seed * 7919 + epoch) >>> 0)
}

export function initialTrainState(config: RunConfig): TrainState {
  return { epoch: 0, step: 0, rng: new SeededRandom(config.seed).getState() }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Mini-batch training over whole epochs: seeded shuffling, ε drawn from the run's RNG (so every
 * engine sees the same noise), validation after each epoch, progress and sampled batch losses.
 * Early stopping (`train/early-stopping.ts`) may end it before `epochs`; with `restoreBestWeights`
 * the engine ends holding the best epoch's weights, bit for bit (`startBest`: those a resumed run
 * had kept). Throws NonFiniteLossError on NaN/∞.
 */
export async function trainEpochs(
  engine: TrainingEngine,
  config: RunConfig,
  data: { train: SequenceSet; val: SequenceSet },
  start: TrainState,
  callbacks: TrainingCallbacks,
  startBest: BestWeights | null = null,
): Promise<TrainingOutcome> {
  const { train, val } = data
  const size = sequenceSize(train)
  const batchSize = Math.min(config.batchSize, train.count)
  const batchesPerEpoch = Math.ceil(train.count / batchSize)
  const sampleEvery = Math.max(1, Math.ceil((batchesPerEpoch * config.epochs) / MAX_BATCH_POINTS))
  const rng = new SeededRandom(start.rng)
  const xBatch = new Float32Array(batchSize * size)
  const epsBatch = new Float32Array(batchSize * config.latentDim)
  const order = new Int32Array(train.count)
  let step = start.step
  const runStarted = performance.now()
  let samplesThisRun = 0
  let early = start.earlyStopping ?? NO_EPOCH_YET
  let best = config.restoreBestWeights ? startBest : null
  let lastEpoch = start.epoch
  // A run that ended by early stopping but died before saying so resumes with nothing left to train.
  let stoppedEarly = config.earlyStoppingPatience > 0 && early.wait >= config.earlyStoppingPatience

  for (let epoch = start.epoch + 1; epoch <= config.epochs && !stoppedEarly; epoch++) {
    const epochStarted = performance.now()
    const klWeight = klWeightForEpoch(config, epoch)
    // Shuffle a fresh identity each epoch: the order then depends only on the RNG state, which a
    // checkpoint holds, so a resumed run sees the same batches as an uninterrupted one.
    for (let i = 0; i < order.length; i++) order[i] = i
    rng.shuffle(order)
    const sums = { loss: 0, recon: 0, kl: 0 }
    const sampled: BatchMetric[] = []
    let lastProgress = 0
    let done = 0
    for (let b = 0; b < batchesPerEpoch; b++) {
      const n = Math.min(batchSize, train.count - b * batchSize)
      const x = gatherInto(train, order, b * batchSize, n, xBatch).subarray(0, n * size)
      const eps = rng.fillNormal(epsBatch.subarray(0, n * config.latentDim))
      const losses = await engine.trainStep(x, eps, n, klWeight)
      step++
      if (!Number.isFinite(losses.loss)) {
        throw new NonFiniteLossError(`${NON_FINITE_LOSS_PREFIX} ${losses.loss} at epoch ${epoch}, step ${step}; try a smaller learning rate`)
      }
      accumulate(sums, losses, n)
      done += n
      samplesThisRun += n
      if (step % sampleEvery === 0) sampled.push({ step, epoch, loss: losses.loss })
      const t = performance.now()
      if (t - lastProgress > PROGRESS_INTERVAL_MS || done === train.count) {
        lastProgress = t
        const rate = samplesThisRun / ((t - runStarted) / 1000)
        const remaining = (config.epochs - epoch) * train.count + (train.count - done)
        callbacks.onProgress({
          epoch,
          epochs: config.epochs,
          samplesDone: done,
          samplesTotal: train.count,
          loss: sums.loss / done,
          samplesPerSecond: rate,
          etaSeconds: remaining / Math.max(rate, 1e-9),
        })
      }
      await yieldToEventLoop()
      if (callbacks.shouldStop()) return { status: 'cancelled' }
    }
    const v = await evaluateSet(engine, val, config.latentDim, klWeight, validationRandom(config, epoch))
    callbacks.onBatches(sampled)
    const metrics: EpochMetrics = {
      epoch,
      loss: sums.loss / train.count,
      recon: sums.recon / train.count,
      kl: sums.kl / train.count,
      valLoss: v.loss,
      valRecon: v.recon,
      valKl: v.kl,
      seconds: (performance.now() - epochStarted) / 1000,
      klWeight,
    }
    const stopping = afterEpoch(early, epoch, v.loss, config.earlyStoppingPatience)
    early = stopping.state
    if (stopping.improved && config.restoreBestWeights) best = { epoch, weights: await engine.getWeights() }
    await callbacks.onEpoch(metrics, { epoch, step, rng: rng.getState(), earlyStopping: early }, best)
    lastEpoch = epoch
    stoppedEarly = stopping.stop
    if (!stoppedEarly && callbacks.shouldStop() && epoch < config.epochs) return { status: 'cancelled' }
  }
  if (best && best.epoch !== lastEpoch) await engine.setWeights(best.weights)
  const stop: RunStop = {
    epoch: lastEpoch,
    reason: stoppedEarly ? 'early-stopping' : 'epochs',
    bestEpoch: early.best?.epoch ?? null,
    bestValLoss: early.best?.valLoss ?? null,
    weightsEpoch: best?.epoch ?? lastEpoch,
  }
  return { status: 'finished', stop }
}

function accumulate(sums: BatchLosses, l: BatchLosses, n: number): void {
  sums.loss += l.loss * n
  sums.recon += l.recon * n
  sums.kl += l.kl * n
}

/** Sample-weighted mean losses over a whole set, in chunks, with ε from `rng`. */
export async function evaluateSet(
  engine: TrainingEngine,
  set: SequenceSet,
  latentDim: number,
  klWeight: number,
  rng: SeededRandom,
): Promise<BatchLosses> {
  const size = sequenceSize(set)
  const sums = { loss: 0, recon: 0, kl: 0 }
  for (let from = 0; from < set.count; from += EVAL_CHUNK) {
    const n = Math.min(EVAL_CHUNK, set.count - from)
    const eps = rng.fillNormal(new Float32Array(n * latentDim))
    accumulate(sums, await engine.evaluate(set.data.subarray(from * size, (from + n) * size), eps, n, klWeight), n)
  }
  return { loss: sums.loss / set.count, recon: sums.recon / set.count, kl: sums.kl / set.count }
}

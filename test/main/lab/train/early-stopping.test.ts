import { beforeAll, describe, expect, it } from 'vitest'
import type { EpochMetrics } from '../../../../src/shared/api'
import { RunConfigSchema, type RunConfig, type RunConfigInput } from '../../../../src/shared/run-config'
import { splitDataset } from '../../../../src/main/lab/data/dataset-split'
import type { LoadedDataset } from '../../../../src/main/lab/data/dataset-source'
import { mnistSource } from '../../../../src/main/lab/data/mnist'
import { createEngine } from '../../../../src/main/lab/engines/engine-factory'
import type { Checkpoint } from '../../../../src/main/lab/model/checkpoint'
import { initialWeights } from '../../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../../src/main/lab/model/model-spec'
import { afterEpoch, NO_EPOCH_YET } from '../../../../src/main/lab/train/early-stopping'
import { initialTrainState, trainEpochs, UNWATCHED, type TrainingOutcome } from '../../../../src/main/lab/train/training-loop'

describe('early stopping follows Keras (monitor val_loss, min_delta 0)', () => {
  function stopsAfter(valLosses: number[], patience: number): { stopped: number | null; best: number | null } {
    let state = NO_EPOCH_YET
    for (const [i, loss] of valLosses.entries()) {
      const step = afterEpoch(state, i + 1, loss, patience)
      state = step.state
      if (step.stop) return { stopped: i + 1, best: state.best?.epoch ?? null }
    }
    return { stopped: null, best: state.best?.epoch ?? null }
  }

  it('stops once val_loss has not fallen for `patience` epochs in a row; only a strictly lower loss improves', () => {
    // An equal loss is no improvement (epoch 6 waits after epoch 5).
    expect(stopsAfter([0.5, 0.4, 0.41, 0.4, 0.39, 0.39, 0.395, 0.4, 0.1], 3)).toEqual({ stopped: 8, best: 5 })
    // An improvement restarts the wait.
    expect(stopsAfter([0.5, 0.6, 0.6, 0.4, 0.6, 0.6, 0.6], 3)).toEqual({ stopped: 7, best: 4 })
    expect(stopsAfter([0.5, 0.6], 1)).toEqual({ stopped: 2, best: 1 })
    // A NaN never improves; patience 0 is off but still tracks the best epoch.
    expect(stopsAfter([NaN, 0.5, NaN, NaN], 2)).toEqual({ stopped: 4, best: 2 })
    expect(stopsAfter([0.5, 0.6, 0.7, 0.8], 0)).toEqual({ stopped: null, best: 1 })
  })
})

describe('the training loop stops early and restores the best weights', () => {
  let data: LoadedDataset
  beforeAll(async () => {
    data = await mnistSource().load()
  })

  // A small, fast learner that reaches a seeded plateau within 30 epochs (seed 42: best 18, stop 20).
  const PLATEAU: RunConfigInput = { epochs: 30, trainLimit: 64, valLimit: 64, evalLimit: 10, batchSize: 16, learningRate: 0.05, hiddenUnits: 16, earlyStoppingPatience: 2, engine: 'fused' }

  interface Trained {
    outcome: TrainingOutcome
    epochs: EpochMetrics[]
    /** What the worker would checkpoint after each epoch, by epoch. */
    checkpoints: Map<number, Pick<Checkpoint, 'weights' | 'best'>>
    weightsAtEnd: Float32Array[]
  }

  async function train(input: RunConfigInput, stopAfterEpoch?: number, resume?: Checkpoint): Promise<Trained> {
    const config: RunConfig = RunConfigSchema.parse(input)
    const spec = modelSpecFor(config, data.pool.steps, data.pool.features)
    const engine = await createEngine(config, spec, resume?.weights ?? initialWeights(spec, config.seed))
    try {
      if (resume) await engine.setOptimizerState(resume.optimizer)
      const epochs: EpochMetrics[] = []
      const checkpoints: Trained['checkpoints'] = new Map()
      let lastState: Checkpoint | undefined
      const outcome = await trainEpochs(
        engine,
        config,
        splitDataset(data.pool, data.test, config),
        resume?.state ?? initialTrainState(config),
        {
          ...UNWATCHED,
          onEpoch: async (metrics, state, best) => {
            epochs.push(metrics)
            const checkpoint: Checkpoint = { epoch: state.epoch, weights: await engine.getWeights(), optimizer: await engine.getOptimizerState(), state }
            if (best) checkpoint.best = best
            checkpoints.set(metrics.epoch, checkpoint)
            lastState = checkpoint
          },
          shouldStop: () => stopAfterEpoch !== undefined && lastState?.epoch === stopAfterEpoch,
        },
        resume?.best ?? null,
      )
      return { outcome, epochs, checkpoints, weightsAtEnd: (await engine.getWeights()).map((w) => w.values) }
    } finally {
      engine.dispose()
    }
  }

  it('stops at the epoch the recorded val_loss dictates, and keeps the last weights unless asked to restore', async () => {
    const run = await train(PLATEAU)
    if (run.outcome.status !== 'finished') throw new Error('expected a finished run')
    const { stop } = run.outcome
    const losses = run.epochs.map((m) => m.valLoss)
    const bestEpoch = losses.indexOf(Math.min(...losses)) + 1
    expect(stop.reason).toBe('early-stopping')
    expect(stop.epoch).toBeLessThan(30)
    expect(run.epochs.map((m) => m.epoch)).toEqual(Array.from({ length: stop.epoch }, (_, i) => i + 1))
    // Patience 2: the two epochs after the best did not beat it, and the loop stopped right there.
    expect([stop.bestEpoch, stop.epoch]).toEqual([bestEpoch, bestEpoch + 2])
    expect(stop.bestValLoss).toBe(losses[bestEpoch - 1])
    for (const later of losses.slice(bestEpoch)) expect(later).toBeGreaterThanOrEqual(losses[bestEpoch - 1])
    expect(stop.weightsEpoch).toBe(stop.epoch)
    expect(run.weightsAtEnd).toEqual(run.checkpoints.get(stop.epoch)!.weights.map((w) => w.values))
  })

  it('restores the best epoch’s weights bit for bit, also after a resume', async () => {
    const run = await train({ ...PLATEAU, restoreBestWeights: true })
    if (run.outcome.status !== 'finished') throw new Error('expected a finished run')
    const { stop } = run.outcome
    expect(stop.bestEpoch).not.toBe(stop.epoch)
    expect(stop.weightsEpoch).toBe(stop.bestEpoch)
    const bestCheckpoint = run.checkpoints.get(stop.bestEpoch!)!
    const lastCheckpoint = run.checkpoints.get(stop.epoch)!
    const bits = (arrays: Float32Array[]) => arrays.map((a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)))
    expect(bits(run.weightsAtEnd)).toEqual(bits(bestCheckpoint.weights.map((w) => w.values)))
    expect(bits(run.weightsAtEnd)).not.toEqual(bits(lastCheckpoint.weights.map((w) => w.values)))
    // Every checkpoint from the best epoch on carries the best weights, so a resumed run restores the same.
    expect(bits(lastCheckpoint.best!.weights.map((w) => w.values))).toEqual(bits(run.weightsAtEnd))

    const firstLeg = await train({ ...PLATEAU, restoreBestWeights: true }, stop.bestEpoch! + 1)
    expect(firstLeg.outcome.status).toBe('cancelled')
    const resumed = await train({ ...PLATEAU, restoreBestWeights: true }, undefined, firstLeg.checkpoints.get(stop.bestEpoch! + 1) as Checkpoint)
    expect(resumed.outcome).toEqual(run.outcome)
    expect(bits(resumed.weightsAtEnd)).toEqual(bits(run.weightsAtEnd))
  })
})

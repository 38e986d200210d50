import type { RandomState } from '../common/seeded-random'
import type { WeightTensor } from './weight-layout'

/**
 * What a resumable run keeps after each epoch. It lives beside the weight layout, below the
 * engines and the store, because both speak it: engines read and write Adam's state, the store
 * persists the whole checkpoint, and neither needs the other to do so.
 */

/** Adam's state in the canonical weight layout (m and v have the weights' names and shapes). */
export interface OptimizerState {
  step: number
  m: WeightTensor[]
  v: WeightTensor[]
}

/** Early stopping's memory: the best epoch so far (lowest val_loss) and how many epochs since. */
export interface EarlyStoppingState {
  best: { epoch: number; valLoss: number } | null
  wait: number
}

/** Everything besides weights and Adam that a resumed run needs to continue exactly. */
export interface TrainState {
  /** Epochs completed. */
  epoch: number
  /** Global optimisation step count (also the per-batch metric's x axis). */
  step: number
  /** The training RNG (data order, ε) as it stood after `epoch`. */
  rng: RandomState
  /** Absent in checkpoints written before early stopping existed: such a run starts it afresh. */
  earlyStopping?: EarlyStoppingState
}

export interface Checkpoint {
  epoch: number
  weights: WeightTensor[]
  optimizer: OptimizerState
  state: TrainState
  /** The best epoch's weights, kept for a run that restores them at its end (`restoreBestWeights`). */
  best?: { epoch: number; weights: WeightTensor[] }
}

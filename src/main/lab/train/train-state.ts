import type { RandomState } from './seeded-random'

/** Everything besides weights and Adam that a resumed run needs to continue exactly. */
export interface TrainState {
  /** Epochs completed. */
  epoch: number
  /** Global optimisation step count (also the per-batch metric's x axis). */
  step: number
  /** The training RNG (data order, ε) as it stood after `epoch`. */
  rng: RandomState
}

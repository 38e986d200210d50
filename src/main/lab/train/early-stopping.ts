import type { EarlyStoppingState } from '../model/checkpoint'

/**
 * Keras's `EarlyStopping(monitor='val_loss', patience=N, min_delta=0)`, one epoch at a time: an
 * epoch improves when its val_loss is strictly below the best so far (the wait restarts);
 * otherwise the wait grows, and training stops once it reaches the patience. A NaN never improves.
 * Patience 0 means "off" here (Keras would stop at the first epoch without improvement), but the
 * best epoch is still tracked, for restoring its weights.
 */
export const NO_EPOCH_YET: EarlyStoppingState = { best: null, wait: 0 }

export interface EarlyStoppingStep {
  state: EarlyStoppingState
  /** This epoch is the new best. */
  improved: boolean
  /** Patience ran out: this epoch is the last. */
  stop: boolean
}

export function afterEpoch(state: EarlyStoppingState, epoch: number, valLoss: number, patience: number): EarlyStoppingStep {
  const improved = valLoss < (state.best?.valLoss ?? Infinity)
  const next: EarlyStoppingState = improved ? { best: { epoch, valLoss }, wait: 0 } : { best: state.best, wait: state.wait + 1 }
  return { state: next, improved, stop: patience > 0 && next.wait >= patience }
}

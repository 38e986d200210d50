import type { RunStop } from './api'

/** How a run's training ended, as one sentence for the run page and the CLI. */
export function describeStop(stop: RunStop, patience: number): string {
  const best = stop.bestEpoch === null ? 'no epoch had a numeric val_loss' : `the best val_loss was ${stop.bestValLoss!.toFixed(4)} at epoch ${stop.bestEpoch}`
  const ended =
    stop.reason === 'early-stopping'
      ? `Stopped early after epoch ${stop.epoch}: val_loss had not improved for ${patience} ${patience === 1 ? 'epoch' : 'epochs'}; ${best}`
      : `${stop.epoch === 1 ? 'Trained its one epoch' : `Trained all ${stop.epoch} epochs`}; ${best}`
  const kept = stop.weightsEpoch === stop.epoch ? `kept the last epoch's weights` : `restored the weights of epoch ${stop.weightsEpoch}, which the views use`
  return `${ended}; ${kept}.`
}

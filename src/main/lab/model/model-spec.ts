import type { CellType, RunConfig } from '../../../shared/run-config'

/** The shape of a sequence VAE: everything needed to lay out its weights. */
export interface ModelSpec {
  cell: CellType
  steps: number
  features: number
  hiddenUnits: number
  latentDim: number
}

export function modelSpecFor(config: RunConfig, steps: number, features: number): ModelSpec {
  return { cell: config.cell, steps, features, hiddenUnits: config.hiddenUnits, latentDim: config.latentDim }
}

/** Gates per cell: GRU z, r, h (CuDNN/Keras order); LSTM i, f, c, o. */
export function gateCount(cell: CellType): number {
  return cell === 'gru' ? 3 : 4
}

import type { CellType, Likelihood, RunConfig } from '../../../shared/run-config'

/** The shape of a sequence VAE: everything needed to lay out its weights and compute its loss. */
export interface ModelSpec {
  cell: CellType
  steps: number
  features: number
  hiddenUnits: number
  latentDim: number
  /** How the decoder's output is read (engines/inference-engine.ts, engines/training-engine.ts): sigmoid + BCE, or linear + squared error. */
  likelihood: Likelihood
  /** Whether the encoder also reads the sequence backwards and joins both final states. */
  bidirectional: boolean
}

/** The one place a ModelSpec is built from a run's configuration. */
export function modelSpecFor(config: RunConfig, steps: number, features: number): ModelSpec {
  return {
    cell: config.cell,
    steps,
    features,
    hiddenUnits: config.hiddenUnits,
    latentDim: config.latentDim,
    likelihood: config.likelihood,
    bidirectional: config.bidirectional,
  }
}

/** Gates per cell: GRU z, r, h (CuDNN/Keras order); LSTM i, f, c, o. */
export function gateCount(cell: CellType): number {
  return cell === 'gru' ? 3 : 4
}

/** Units of the encoder's final state that feeds z_mean / z_log_var: both directions when bidirectional. */
export function encodedUnits(spec: ModelSpec): number {
  return spec.bidirectional ? 2 * spec.hiddenUnits : spec.hiddenUnits
}

/**
 * Weight-name prefixes of the encoder's recurrent layers, in layout order: `encoder_rnn`, or its
 * two directions as Keras's Bidirectional wrapper holds them (forward first).
 */
export function encoderPrefixes(spec: ModelSpec): string[] {
  return spec.bidirectional ? ['encoder_rnn/forward', 'encoder_rnn/backward'] : ['encoder_rnn']
}

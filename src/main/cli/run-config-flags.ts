import type { RunConfigInput } from '../../shared/run-config'
import { numberFlag } from './cli-args'

/**
 * Flags of `seqvae train` that set config fields; each maps to the field of the same meaning. Only
 * the flags given reach the config, so the dataset's suggested settings fill the rest.
 */
export const RUN_CONFIG_OPTIONS = {
  dataset: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'latent-dim': { type: 'string' },
  hidden: { type: 'string' },
  cell: { type: 'string' },
  bidirectional: { type: 'boolean' },
  likelihood: { type: 'string' },
  'kl-weight': { type: 'string' },
  'kl-warmup': { type: 'string' },
  lr: { type: 'string' },
  seed: { type: 'string' },
  'val-fraction': { type: 'string' },
  'train-limit': { type: 'string' },
  'val-limit': { type: 'string' },
  'eval-limit': { type: 'string' },
  backend: { type: 'string' },
  engine: { type: 'string' },
} as const

type FlagValues = { [K in keyof typeof RUN_CONFIG_OPTIONS]?: (typeof RUN_CONFIG_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

export function runConfigFromFlags(v: FlagValues): RunConfigInput {
  const config: Record<string, unknown> = {
    dataset: v.dataset,
    epochs: numberFlag(v.epochs),
    batchSize: numberFlag(v['batch-size']),
    latentDim: numberFlag(v['latent-dim']),
    hiddenUnits: numberFlag(v.hidden),
    cell: v.cell,
    bidirectional: v.bidirectional,
    likelihood: v.likelihood,
    klWeight: numberFlag(v['kl-weight']),
    klWarmupEpochs: numberFlag(v['kl-warmup']),
    learningRate: numberFlag(v.lr),
    seed: numberFlag(v.seed),
    valFraction: numberFlag(v['val-fraction']),
    trainLimit: numberFlag(v['train-limit']),
    valLimit: numberFlag(v['val-limit']),
    evalLimit: numberFlag(v['eval-limit']),
    backend: v.backend,
    engine: v.engine,
  }
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as RunConfigInput
}

import { describe, expect, it } from 'vitest'
import { parseCommandArgs } from '../../../src/main/cli/cli-args'
import { RUN_CONFIG_OPTIONS, runConfigFromFlags } from '../../../src/main/cli/run-config-flags'

const configOf = (args: string[]) => runConfigFromFlags(parseCommandArgs('train', args, RUN_CONFIG_OPTIONS).values)

describe('run config flags', () => {
  it('set only the fields given, so the dataset suggestions and defaults fill the rest', () => {
    expect(configOf([])).toEqual({})
    expect(configOf(['--dataset', 'synthetic-sines', '--epochs', '3'])).toEqual({ dataset: 'synthetic-sines', epochs: 3 })
    expect(configOf(['--likelihood', 'gaussian', '--bidirectional', '--kl-weight', '0.002', '--lr', '0.01'])).toEqual({
      likelihood: 'gaussian',
      bidirectional: true,
      klWeight: 0.002,
      learningRate: 0.01,
    })
  })

  it('keep an unparsable number as NaN, for the schema to name the field', () => {
    expect(configOf(['--hidden', 'lots'])).toEqual({ hiddenUnits: NaN })
  })

  it('offer one flag per config field, under the names the CLI has always used', () => {
    expect(Object.keys(RUN_CONFIG_OPTIONS).sort()).toEqual(
      ['dataset', 'epochs', 'batch-size', 'latent-dim', 'hidden', 'cell', 'bidirectional', 'likelihood', 'kl-weight', 'kl-warmup', 'lr', 'seed', 'val-fraction', 'val-split', 'patience', 'restore-best-weights', 'train-limit', 'val-limit', 'eval-limit', 'backend', 'engine'].sort(),
    )
    expect(RUN_CONFIG_OPTIONS.bidirectional).toEqual({ type: 'boolean' })
    expect(RUN_CONFIG_OPTIONS['kl-warmup']).toEqual({ type: 'string' })
    expect(configOf(['--kl-warmup', '5', '--train-limit', '100', '--engine', 'tfjs', '--cell', 'lstm'])).toEqual({ klWarmupEpochs: 5, trainLimit: 100, engine: 'tfjs', cell: 'lstm' })
  })
})

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
})

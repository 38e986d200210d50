import { UserError } from '../../../shared/errors'
import { MAX_REPLICATES, replicates } from '../../../shared/replicates'
import type { RunConfigInput } from '../../../shared/run-config'
import { isPresetName, RUN_PRESETS } from '../../../shared/run-presets'
import { dataDirOption, integerFlag, jsonOption, parseCommandArgs } from '../cli-args'
import { followRun } from '../follow-run'
import { withLab } from '../open-lab'
import { RUN_CONFIG_OPTIONS, runConfigFromFlags } from '../run-config-flags'

export const trainUsage = `seqvae train [--preset reference] [--replicates N] [--epochs N] [--batch-size N] [--latent-dim N]
             [--hidden N] [--cell gru|lstm] [--bidirectional] [--likelihood bernoulli|gaussian] [--kl-weight X]
             [--kl-warmup N] [--lr X] [--seed N] [--val-fraction X] [--val-split random|tail] [--patience N]
             [--restore-best-weights] [--train-limit N] [--val-limit N] [--eval-limit N] [--dataset NAME]
             [--backend NAME] [--engine auto|fused|tfjs] [--name TEXT] [--data-dir DIR] [--json]
Settings not given come from the preset, then the dataset's suggestions (\`seqvae datasets\`), then the defaults.
--preset reference: the write-up's protocol (100 epochs, early stopping with patience 3, the last 10% held out).
--replicates N: N runs that differ only in seed (the seed, seed + 1, …), named "<name> · seed <seed>".`

/** The preset's settings, under the flags given. */
function withPreset(preset: string | undefined, flags: RunConfigInput): RunConfigInput {
  if (preset === undefined) return flags
  if (!isPresetName(preset)) throw new UserError(`seqvae train: unknown preset "${preset}"; the presets are: ${Object.keys(RUN_PRESETS).join(', ')}`)
  return { ...RUN_PRESETS[preset].config, ...flags }
}

/** Trains one run in the foreground, or a group of replicates one after another. */
export async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('train', args, {
    ...RUN_CONFIG_OPTIONS,
    ...dataDirOption,
    ...jsonOption,
    name: { type: 'string' },
    preset: { type: 'string' },
    replicates: { type: 'string' },
  })
  const config = withPreset(values.preset, runConfigFromFlags(values))
  const count = values.replicates === undefined ? null : integerFlag('train', 'replicates', values.replicates, 1, 1, MAX_REPLICATES)
  return withLab(values['data-dir'], async (lab) => {
    if (count === null) return followRun(lab, await lab.createRun(config, values.name), values.json === true, 'queued')
    // All are queued first, so a Lab that trains several at once does; each is then followed to its end.
    const runs = []
    for (const replicate of replicates(config, count, values.name ?? '')) runs.push(await lab.createRun(replicate.config, replicate.name))
    let code = 0
    for (const run of runs) code = Math.max(code, await followRun(lab, run, values.json === true, 'queued'))
    return code
  })
}

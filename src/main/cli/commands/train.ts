import { dataDirOption, jsonOption, parseCommandArgs } from '../cli-args'
import { followRun } from '../follow-run'
import { withLab } from '../open-lab'
import { RUN_CONFIG_OPTIONS, runConfigFromFlags } from '../run-config-flags'

export const trainUsage = `seqvae train [--epochs N] [--batch-size N] [--latent-dim N] [--hidden N] [--cell gru|lstm]
             [--bidirectional] [--likelihood bernoulli|gaussian] [--kl-weight X] [--kl-warmup N]
             [--lr X] [--seed N] [--train-limit N] [--val-limit N] [--eval-limit N] [--dataset NAME]
             [--backend NAME] [--engine auto|fused|tfjs] [--name TEXT] [--data-dir DIR] [--json]
Settings not given come from the dataset's suggestions (\`seqvae datasets\`), then the defaults.`

/** Trains one run in the foreground. */
export async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('train', args, { ...RUN_CONFIG_OPTIONS, ...dataDirOption, ...jsonOption, name: { type: 'string' } })
  const config = runConfigFromFlags(values)
  return withLab(values['data-dir'], async (lab) => followRun(lab, await lab.createRun(config, values.name), values.json === true, 'queued'))
}

import { isUserError } from '../../shared/errors'
import { diagnoseCommand } from './commands/diagnose'
import { datasetsCommand, datasetsUsage } from './commands/datasets'
import { evaluateCommand, evaluateUsage } from './commands/evaluate'
import { deleteCommand, runsCommand, RUNS_USAGE, showCommand } from './commands/runs'
import { exportModelCommand, exportModelUsage } from './commands/export-model'
import { importCommand, importUsage } from './commands/import'
import { latentsCommand } from './commands/latents'
import { modelCommand } from './commands/model'
import { resumeCommand } from './commands/resume'
import { scoreCommand, scoreUsage } from './commands/score'
import { serveCommand, serveUsage } from './commands/serve'
import { trainCommand, trainUsage } from './commands/train'
import { workerCommand, workerUsage } from './commands/worker'

type Command = { run: (args: string[]) => Promise<number>; usage: string; summary: string }

const COMMANDS: Record<string, Command> = {
  train: { run: trainCommand, usage: trainUsage, summary: 'train a sequence VAE (defaults: the reference experiment)' },
  resume: { run: resumeCommand, usage: 'seqvae resume <id> [--data-dir DIR] [--json]', summary: 'continue a crashed, failed or cancelled run from its last checkpoint' },
  model: { run: modelCommand, usage: 'seqvae model [--latent-dim N] [--hidden N] [--cell gru|lstm] [--json]', summary: 'show the architecture and its parameter count' },
  serve: { run: serveCommand, usage: serveUsage, summary: 'serve the workbench to a browser (127.0.0.1 by default)' },
  worker: { run: workerCommand, usage: workerUsage, summary: "train runs from a workbench's queue (on this or any machine)" },
  runs: { run: runsCommand, usage: RUNS_USAGE, summary: 'list runs a page at a time, filtered and sorted' },
  show: { run: showCommand, usage: 'seqvae show <id> [--data-dir DIR] [--json]', summary: "a run's config, status and metrics" },
  delete: { run: deleteCommand, usage: 'seqvae delete <id> [--data-dir DIR]', summary: 'delete a run (cancelling it first if it trains)' },
  diagnose: { run: diagnoseCommand, usage: 'seqvae diagnose <id> [--data-dir DIR] [--json]', summary: 'are the latent codes really N(0, I)? tests, effect sizes, verdicts' },
  evaluate: { run: evaluateCommand, usage: evaluateUsage, summary: "a run's test log-likelihood (IWAE bound and ELBO, in nats) to compare runs of any KL weight" },
  'export-model': { run: exportModelCommand, usage: exportModelUsage, summary: 'write the trained encoder and decoder as TensorFlow.js Layers models' },
  latents: { run: latentsCommand, usage: 'seqvae latents <id> --out FILE.csv [--data-dir DIR]', summary: "write a run's encoded test samples as CSV" },
  import: { run: importCommand, usage: importUsage, summary: 'import a file of series (UCR/UEA, long CSV, .npy) as a dataset' },
  datasets: { run: datasetsCommand, usage: datasetsUsage, summary: 'list built-in and imported datasets' },
  score: { run: scoreCommand, usage: scoreUsage, summary: 'write anomaly scores of a file of series under a trained run as CSV' },
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length))
  return [
    'SeqVAE Workbench — train sequence VAEs and keep every run in SQLite.',
    '',
    'usage: seqvae <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Runs live in --data-dir, else $SEQVAE_DATA_DIR, else the app\'s user-data directory.',
    '`seqvae <command> --help` shows a command\'s options.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`seqvae: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(args)
  } catch (e) {
    if (isUserError(e)) {
      console.error(e.message.startsWith('seqvae') ? e.message : `seqvae ${name}: ${e.message}`)
      return 2
    }
    console.error(`seqvae ${name}: internal error: ${(e as Error)?.message ?? String(e)}`)
    if (process.env.SEQVAE_DEBUG) console.error(e)
    else console.error('(set SEQVAE_DEBUG=1 for details)')
    return 1
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})

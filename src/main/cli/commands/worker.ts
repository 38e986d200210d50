import { hostname } from 'node:os'
import path from 'node:path'
import { UserError } from '../../../shared/errors'
import { ENGINE_CHOICES, type EngineChoice } from '../../../shared/run-config'
import { resolveDataDir } from '../../lab/data-dir'
import { parseRedisAddress, QueueWorker } from '../../lab/lab'
import { dataDirOption, integerFlag, parseCommandArgs } from '../cli-args'

export const workerUsage = `seqvae worker --queue redis://HOST:PORT/DB [--concurrency N] [--name NAME] [--engine auto|fused|tfjs]
              [--threads N] [--stall-timeout SECONDS] [--data-dir DIR]
The queue address may instead be in $SEQVAE_QUEUE (keeps a password out of the process list).
Imported datasets are cached in DIR/worker-cache (at most 2 GiB; each dataset at most 256 MiB).`

const workerInteger = (name: string, value: string | undefined, fallback: number, min: number, max: number) => integerFlag('worker', name, value, fallback, min, max)

/** Trains runs from a hub's queue until Ctrl-C, which hands the runs in training back to the queue. */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('worker', args, {
    ...dataDirOption,
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    name: { type: 'string' },
    engine: { type: 'string' },
    threads: { type: 'string' },
    'stall-timeout': { type: 'string' },
  })
  const queue = values.queue || process.env.SEQVAE_QUEUE
  if (!queue) throw new UserError('seqvae worker: say which queue to work with --queue redis://HOST:PORT/DB (or $SEQVAE_QUEUE)')
  const engine = values.engine ?? 'auto'
  if (!(ENGINE_CHOICES as readonly string[]).includes(engine)) throw new UserError(`seqvae worker: --engine must be one of ${ENGINE_CHOICES.join(', ')}, not "${engine}"`)
  const name = values.name ?? hostname()
  if (!/^[\w.@ -]{1,64}$/.test(name)) throw new UserError('seqvae worker: --name must be 1 to 64 letters, digits, spaces, dots, dashes, underscores or @')
  const address = parseRedisAddress(queue)
  const worker = new QueueWorker({
    address,
    name,
    concurrency: workerInteger('concurrency', values.concurrency, 1, 1, 64),
    engine: engine as EngineChoice,
    threads: values.threads === undefined ? undefined : workerInteger('threads', values.threads, 1, 1, 64),
    cacheDir: path.join(resolveDataDir(values['data-dir']), 'worker-cache'),
    stallTimeoutMs: workerInteger('stall-timeout', values['stall-timeout'], 30, 1, 3600) * 1000,
    heartbeatMs: 2000,
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  })
  console.log(`seqvae worker "${name}" connecting to ${address.display}…`)
  const stop = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await Promise.race([worker.whenReady().then(() => console.log('Waiting for jobs. Press Ctrl-C to stop (runs in training go back to the queue).')), stop])
  await stop
  console.log('seqvae worker: stopping; handing the runs in training back to the queue…')
  // A second Ctrl-C leaves at once (Redis unreachable, nothing to wait for).
  process.once('SIGINT', () => process.exit(130))
  await worker.close()
  return 0
}

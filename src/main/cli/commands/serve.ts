import { existsSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../../../shared/errors'
import { resolveDataDir } from '../../lab/data-dir'
import { Lab, parseRedisAddress } from '../../lab/lab'
import { startServer } from '../../server/workbench-server'
import { dataDirOption, integerFlag, parseCommandArgs } from '../cli-args'

export const serveUsage = `seqvae serve [--port 5180] [--host 127.0.0.1] [--jobs N] [--queue redis://HOST:PORT/DB] [--data-dir DIR]
--queue sends runs to a Redis queue that \`seqvae worker\` processes train (also from $SEQVAE_QUEUE);
--jobs is then how many this machine trains itself (default 0; without a queue, default 1).`

/** The renderer that `npm run build` writes, relative to this file in the source tree. */
const RENDERER_DIR = path.resolve(__dirname, '../../../../out/renderer')

/** Browser mode: the same Lab and screens as the desktop app, over HTTP until Ctrl-C. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('serve', args, {
    ...dataDirOption,
    port: { type: 'string' },
    host: { type: 'string' },
    jobs: { type: 'string' },
    queue: { type: 'string' },
  })
  const port = integerFlag('serve', 'port', values.port, 5180, 0, 65535)
  const queueAddress = values.queue || process.env.SEQVAE_QUEUE
  // With a queue the workers train; this machine's share is then optional.
  const fewestJobs = queueAddress ? 0 : 1
  const parallelJobs = integerFlag('serve', 'jobs', values.jobs, fewestJobs, fewestJobs, 64)
  const host = values.host ?? '127.0.0.1'
  const dataDir = resolveDataDir(values['data-dir'])
  const queue = queueAddress ? { address: queueAddress, cacheDir: path.join(dataDir, 'worker-cache') } : undefined
  const lab = Lab.open({ dataDir, adoptQueued: true, parallelJobs, queue })
  let server
  try {
    server = await startServer({ api: lab, host, port, rendererDir: RENDERER_DIR })
  } catch (e) {
    await lab.close()
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new UserError(`seqvae serve: port ${port} is in use; choose another with --port`)
    if (code === 'EADDRNOTAVAIL') throw new UserError(`seqvae serve: ${host} is not an address of this machine`)
    throw e
  }
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) console.warn('seqvae serve: the web interface is not built; run `npm run build` (the API works without it).')
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(`seqvae serve: listening on ${host}: anyone who can reach it and holds the token can train and delete runs.`)
  }
  console.log(`SeqVAE Workbench (data: ${dataDir}${queue ? `; training on the queue at ${parseRedisAddress(queue.address).display}` : ''})`)
  console.log(`Open ${server.url}`)
  console.log('Press Ctrl-C to stop.')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  console.log(queue ? 'seqvae serve: stopping (runs on the queue carry on with their workers)…' : 'seqvae serve: stopping (running jobs are cancelled)…')
  await server.close()
  await lab.close()
  return 0
}

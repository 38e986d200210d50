import type { EpochMetrics, RunEnvironment } from '../../../src/shared/api'
import { RunConfigSchema, type RunConfigInput } from '../../../src/shared/run-config'
import { databaseFile, ensureWritableDir } from '../../../src/main/lab/data-dir'
import { WorkbenchStore } from '../../../src/main/lab/store/workbench-store'
import { SeededRandom } from '../../../src/main/lab/common/seeded-random'

/** What a seeded run looks like: its config, name and (for finished runs) how many epochs it recorded. */
export interface SeedRun {
  config: RunConfigInput
  name?: string
  tags?: string[]
  status?: 'finished' | 'failed' | 'cancelled'
  epochs: number
}

export interface SeededRun {
  id: number
  name: string
  epochs: EpochMetrics[]
}

const ENV: RunEnvironment = { engine: 'tfjs', backend: 'cpu', node: process.version, platform: process.platform, arch: process.arch, cpus: 2, packages: {} }

/**
 * Plausible learning curves whose level depends on the config (wider latent and smaller λ train to
 * a lower loss), with seeded noise, so comparisons and scatters show real structure.
 */
function curves(config: ReturnType<typeof RunConfigSchema.parse>, epochs: number, seed: number): EpochMetrics[] {
  const random = new SeededRandom(seed)
  const noise = () => random.next()
  const floor = 0.16 + 0.04 / config.latentDim + 0.3 * config.klWeight
  const start = 0.32 + 0.05 * noise()
  return Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1
    const recon = floor + (start - floor) * Math.exp(-epoch / 3) + 0.004 * (noise() - 0.5)
    const kl = 2 + config.latentDim * 0.9 * (1 - Math.exp(-epoch / 2)) - 6 * config.klWeight
    const loss = (1 - config.klWeight) * recon + config.klWeight * kl
    // Validation drifts up after a few epochs for some runs, so "best" and "final" differ.
    const overfit = Math.max(0, epoch - 7) * 0.003 * (config.latentDim / 4)
    const valRecon = recon + 0.006 + overfit + 0.004 * (noise() - 0.5)
    const valKl = kl * 1.02
    return { epoch, loss, recon, kl, valLoss: (1 - config.klWeight) * valRecon + config.klWeight * valKl, valRecon, valKl, seconds: 40 + noise() * 5, klWeight: config.klWeight }
  })
}

/**
 * Writes finished runs with real metric rows straight into a data directory's store (as the Lab
 * would after training them), far faster than training: the e2e tests seed 25 or 1,000 runs this
 * way. Close the store before a server opens the same directory.
 */
export function seedRuns(dataDir: string, runs: readonly SeedRun[]): SeededRun[] {
  ensureWritableDir(dataDir)
  const store = WorkbenchStore.open(databaseFile(dataDir))
  try {
    return store.db.transaction(() =>
      runs.map((seed, index) => {
        const config = RunConfigSchema.parse({ ...seed.config, epochs: seed.config.epochs ?? seed.epochs })
        const run = store.runs.create(config, seed.name)
        store.runs.markStarted(run.id, { engine: 'tfjs', backend: 'cpu', params: 15194, env: ENV })
        const epochs = curves(config, seed.epochs, index + 1)
        for (const metrics of epochs) {
          store.metrics.insertEpoch(run.id, metrics)
          store.metrics.insertBatches(
            run.id,
            [0, 1, 2, 3].map((k) => ({ step: (metrics.epoch - 1) * 4 + k + 1, epoch: metrics.epoch, loss: metrics.loss * (1.04 - 0.01 * k) })),
          )
        }
        store.runs.setStatus(run.id, seed.status ?? 'finished', seed.status === 'failed' ? 'loss became NaN at epoch 3' : null)
        if (seed.tags) store.runs.update(run.id, { tags: seed.tags })
        return { id: run.id, name: store.runs.get(run.id).name, epochs }
      }),
    )()
  } finally {
    store.close()
  }
}

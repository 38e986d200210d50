import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Redis } from 'ioredis'
import { UserError } from '../../../../../shared/errors'
import { sha256Of } from '../../../data/import/dataset-package'
import { datasetKey } from '../queue-keys'

/** The cache keeps at most this much; the datasets used longest ago go first. */
export const MAX_CACHE_BYTES = 2 * 1024 * 1024 * 1024

/**
 * Imported datasets a worker has fetched from the queue, one file per SHA-256 under its cache
 * folder: fetched once, checked against their hash, and kept for later runs on the same data.
 */
export class DatasetCache {
  private readonly inFlight = new Map<string, Promise<string>>()

  constructor(
    private readonly redis: Redis,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true })
  }

  /** The cached package's path, fetching it first if this worker has not got it. */
  file(sha256: string): Promise<string> {
    const file = path.join(this.dir, `${sha256}.dataset`)
    try {
      // Touched so the eviction below knows it is in use.
      const now = new Date()
      utimesSync(file, now, now)
      return Promise.resolve(file)
    } catch {
      // Not cached yet.
    }
    let fetching = this.inFlight.get(sha256)
    if (!fetching) {
      fetching = this.fetch(sha256, file).finally(() => this.inFlight.delete(sha256))
      this.inFlight.set(sha256, fetching)
    }
    return fetching
  }

  private async fetch(sha256: string, file: string): Promise<string> {
    const bytes = await this.redis.getBuffer(datasetKey(sha256))
    if (!bytes) throw new UserError(`the dataset ${sha256.slice(0, 12)}… is no longer on the queue; start the run again from the workbench so it is published anew`)
    const actual = sha256Of(bytes)
    if (actual !== sha256) throw new UserError(`the dataset fetched for ${sha256.slice(0, 12)}… has SHA-256 ${actual.slice(0, 12)}…; it was not used`)
    // Written beside and renamed, so a half-written file is never taken for a cached one.
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, bytes)
    renameSync(partial, file)
    this.evict(file)
    return file
  }

  private evict(keep: string): void {
    const files = readdirSync(this.dir)
      .filter((name) => name.endsWith('.dataset'))
      .map((name) => {
        const file = path.join(this.dir, name)
        const { size, mtimeMs } = statSync(file)
        return { file, size, mtimeMs }
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs)
    let total = 0
    for (const entry of files) {
      total += entry.size
      if (total > MAX_CACHE_BYTES && entry.file !== keep) unlinkSync(entry.file)
    }
  }
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ComputeSetting } from '../../shared/desktop-bridge'
import { UserError } from '../../shared/errors'
import { parseRedisAddress, type QueueChoice } from '../lab/lab'

/**
 * The Compute setting, kept in `compute.json` in the app's user-data folder and read when the app
 * starts (the Lab chooses where it trains once, when it opens). Like a `seqvae serve --queue`
 * address it may hold a Redis password: the file is the user's own, as the database is.
 */
export const LOCAL: ComputeSetting = { queue: null, localJobs: 1 }

export const computeSettingFile = (userData: string) => path.join(userData, 'compute.json')

/** Checks a setting from the page; a sentence for what is wrong. */
export function checkComputeSetting(value: unknown): ComputeSetting {
  const { queue, localJobs } = (value ?? {}) as Partial<ComputeSetting>
  const least = queue ? 0 : 1
  if (!Number.isInteger(localJobs) || (localJobs as number) < least || (localJobs as number) > 64) {
    throw new UserError(`training processes on this computer must be a whole number from ${least} to 64`)
  }
  if (queue !== null && typeof queue !== 'string') throw new UserError('the queue address must be text such as redis://HOST:6379/0')
  const address = queue?.trim() || null
  if (address) parseRedisAddress(address)
  return { queue: address, localJobs: localJobs as number }
}

/** The saved setting; a missing or unreadable file means this computer (said in the log, never a failure to start). */
export function readComputeSetting(userData: string): ComputeSetting {
  try {
    return checkComputeSetting(JSON.parse(readFileSync(computeSettingFile(userData), 'utf8')))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.error(`The Compute setting in ${computeSettingFile(userData)} is not usable (${(e as Error).message}); training on this computer.`)
    return LOCAL
  }
}

export function writeComputeSetting(userData: string, setting: unknown): void {
  const checked = checkComputeSetting(setting)
  mkdirSync(userData, { recursive: true })
  writeFileSync(computeSettingFile(userData), `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 })
}

/** What the Lab opens with for a setting. */
export function labCompute(setting: ComputeSetting, dataDir: string): { parallelJobs: number; queue?: QueueChoice } {
  if (!setting.queue) return { parallelJobs: setting.localJobs }
  return { parallelJobs: setting.localJobs, queue: { address: setting.queue, cacheDir: path.join(dataDir, 'worker-cache') } }
}

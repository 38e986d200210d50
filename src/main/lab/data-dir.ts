import { accessSync, constants, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { UserError } from '../../shared/errors'

export const APP_NAME = 'SeqVAE Workbench'

/** Where Electron keeps this app's user data (`app.getPath('userData')`), computed without Electron. */
export function platformUserDataDir(): string {
  const home = os.homedir()
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME)
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME)
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME)
  }
}

/** `--data-dir`, else `$SEQVAE_DATA_DIR`, else the platform's user-data directory. */
export function resolveDataDir(flag: string | undefined): string {
  return path.resolve(flag ?? process.env.SEQVAE_DATA_DIR ?? platformUserDataDir())
}

/** Creates the directory if needed and checks that we may write there, with a sentence if not. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
  } catch (e) {
    throw new UserError(`the data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'unavailable')
  }
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'workbench.sqlite')

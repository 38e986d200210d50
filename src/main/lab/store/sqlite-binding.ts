import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../../../shared/errors'
import { findAppRoot, unpackedPath } from '../common/app-files'

/** better-sqlite3 compiled for Electron's ABI, made by native/build-electron-sqlite.mjs. */
export const ELECTRON_BINDING = path.join('build', 'electron', 'better_sqlite3.node')
/** What that build was made for: `{ electron, betterSqlite3, platform, arch }`. */
export const ELECTRON_BINDING_STAMP = path.join('build', 'electron', 'better-sqlite3.json')

const REBUILD_HINT = 'run `npm run rebuild:electron` in the project folder (`npm start` does it for you), then start the app again'

/**
 * Which compiled better-sqlite3 a process loads. It talks to V8 directly, so a build serves only
 * the runtime it was compiled for: under Node (CLI, `seqvae serve`, tests) the package's own build
 * in node_modules; under Electron (the app's main process and its training utility processes)
 * the separate Electron build.
 */
export type SqliteBinding = { runtime: 'node'; file: null } | { runtime: 'electron'; file: string }

export function chooseSqliteBinding(versions: { electron?: string } = process.versions, appRoot?: string): SqliteBinding {
  const electron = versions.electron
  if (!electron) return { runtime: 'node', file: null }
  const root = appRoot ?? findAppRoot()
  const file = unpackedPath(path.join(root, ELECTRON_BINDING))
  if (!existsSync(file)) {
    throw new UserError(`The database driver for Electron ${electron} has not been built: ${REBUILD_HINT}.`, 'unavailable')
  }
  const builtFor = readBuiltFor(path.join(root, ELECTRON_BINDING_STAMP))
  if (builtFor !== electron) {
    throw new UserError(`The database driver was built for Electron ${builtFor ?? 'an unknown version'}, but this is Electron ${electron}: ${REBUILD_HINT}.`, 'unavailable')
  }
  return { runtime: 'electron', file }
}

function readBuiltFor(stamp: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(stamp, 'utf8')) as { electron?: string }).electron
  } catch {
    return undefined
  }
}

let chosen: SqliteBinding | undefined

/**
 * Opens a SQLite file with the build of better-sqlite3 that matches this process: the one place
 * the Lab and the training worker open databases.
 */
export function openSqlite(file: string, options: Omit<Database.Options, 'nativeBinding'> = {}): Database.Database {
  chosen ??= chooseSqliteBinding()
  return new Database(file, chosen.file ? { ...options, nativeBinding: chosen.file } : options)
}

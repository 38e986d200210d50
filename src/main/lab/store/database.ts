import type Database from 'better-sqlite3'
import { UserError } from '../../../shared/errors'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'
import { CONFIG_KEY_FUNCTION, configKey } from './run-summary-sql'
import { openSqlite } from './sqlite-binding'

export type Db = Database.Database

/**
 * Opens (creating if needed) the workbench database and brings its schema up to date. A database
 * that is not SQLite, is damaged, or was written by a newer version is refused with a sentence and
 * left untouched.
 */
export function openDatabase(file: string, options: { migrate?: boolean; targetVersion?: number; busyTimeoutMs?: number } = {}): Db {
  let db: Db
  try {
    db = openSqlite(file, { timeout: options.busyTimeoutMs ?? 5000 })
  } catch (e) {
    if (e instanceof UserError) throw e
    throw new UserError(`cannot open the database ${file}: ${(e as Error).message}`, 'unavailable')
  }
  try {
    const version = readUserVersion(db, file)
    if (version > SCHEMA_VERSION) {
      throw new UserError(
        `the database ${file} was written by a newer SeqVAE Workbench (schema ${version}, this version knows ${SCHEMA_VERSION}); it was not changed`,
        'unavailable',
      )
    }
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    if (options.migrate !== false) migrate(db, options.targetVersion ?? SCHEMA_VERSION)
    return db
  } catch (e) {
    db.close()
    throw refusal(file, e)
  }
}

/** SQLite's failures on opening, as sentences; anything unexpected passes through unchanged. */
function refusal(file: string, e: unknown): unknown {
  switch ((e as { code?: string }).code) {
    case 'SQLITE_READONLY':
      return new UserError(`the database ${file} is read-only; make it (and its folder) writable or choose another --data-dir`, 'unavailable')
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new UserError(`the database ${file} is locked by another program; close it and try again`, 'unavailable')
    case 'SQLITE_CANTOPEN':
      return new UserError(`cannot open the database ${file}: its folder is missing or not accessible`, 'unavailable')
    default:
      return e
  }
}

function readUserVersion(db: Db, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new UserError(`${file} is not a readable SeqVAE Workbench database (${(e as Error).message}); it was not changed`, 'unavailable')
    }
    throw e
  }
}

/** Applies each pending migration in its own transaction, which also bumps `user_version`. */
export function migrate(db: Db, targetVersion = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number
  db.function(CONFIG_KEY_FUNCTION, { deterministic: true }, (json) => configKey(String(json)))
  for (let version = current + 1; version <= targetVersion; version++) {
    const migration = MIGRATIONS[version - 1]
    db.transaction(() => {
      db.exec(migration.up)
      db.pragma(`user_version = ${version}`)
    })()
  }
}

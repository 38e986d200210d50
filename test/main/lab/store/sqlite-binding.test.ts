import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { chooseSqliteBinding, ELECTRON_BINDING, ELECTRON_BINDING_STAMP, openSqlite } from '../../../../src/main/lab/store/sqlite-binding'
import { UserError } from '../../../../src/shared/errors'
import { useTempDirs } from '../../../helpers/temp-dir'

/** better-sqlite3's own build, the one Node loads. */
const NODE_BUILD = path.join(path.dirname(createRequire(__filename).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')

/** An app folder with a better-sqlite3 build where the Electron one belongs, stamped for `electron`. */
function appWithElectronBuild(root: string, electron: string | null): string {
  mkdirSync(path.join(root, path.dirname(ELECTRON_BINDING)), { recursive: true })
  // Node's build stands in for Electron's file: what is checked is which file is chosen, and that
  // a database opens through an explicitly chosen binding.
  copyFileSync(NODE_BUILD, path.join(root, ELECTRON_BINDING))
  if (electron) writeFileSync(path.join(root, ELECTRON_BINDING_STAMP), JSON.stringify({ electron, betterSqlite3: '12.11.1', platform: process.platform, arch: process.arch }))
  return root
}

const sentence = (work: () => unknown) => {
  try {
    work()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return (e as Error).message
  }
  throw new Error('expected a refusal')
}

describe('choosing the better-sqlite3 build for the running runtime', () => {
  const tempDir = useTempDirs()

  it('under Node (no process.versions.electron) takes the package’s own build, and a real database opens with it', () => {
    expect(chooseSqliteBinding({ ...process.versions, electron: undefined }, '/nowhere')).toEqual({ runtime: 'node', file: null })
    expect(process.versions.electron).toBeUndefined()
    const file = path.join(tempDir(), 'node.sqlite')
    const db = openSqlite(file)
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)')
    expect(db.prepare('SELECT x FROM t').get()).toEqual({ x: 42 })
    db.close()
  })

  it('under Electron takes build/electron/, and the binding it names is the one a database is opened with', () => {
    const root = appWithElectronBuild(tempDir(), '40.8.5')
    const chosen = chooseSqliteBinding({ electron: '40.8.5' }, root)
    expect(chosen).toEqual({ runtime: 'electron', file: path.join(root, ELECTRON_BINDING) })
    const db = new Database(path.join(root, 'chosen.sqlite'), { nativeBinding: chosen.file! })
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    db.close()
  })

  it('inside an installed app, looks beside the archive (app.asar.unpacked), where the packager put the file', () => {
    const root = tempDir()
    appWithElectronBuild(path.join(root, 'resources', 'app.asar.unpacked'), '40.8.5')
    // The stamp is read through the archive in a real app; here the folder stands in for it.
    appWithElectronBuild(path.join(root, 'resources', 'app.asar'), '40.8.5')
    const chosen = chooseSqliteBinding({ electron: '40.8.5' }, path.join(root, 'resources', 'app.asar'))
    expect(chosen.file).toBe(path.join(root, 'resources', 'app.asar.unpacked', ELECTRON_BINDING))
  })

  it('says in one sentence what to run when the Electron build is missing or was made for another Electron', () => {
    expect(sentence(() => chooseSqliteBinding({ electron: '40.8.5' }, tempDir()))).toBe(
      'The database driver for Electron 40.8.5 has not been built: run `npm run rebuild:electron` in the project folder (`npm start` does it for you), then start the app again.',
    )
    const stale = appWithElectronBuild(tempDir(), '39.0.0')
    expect(sentence(() => chooseSqliteBinding({ electron: '40.8.5' }, stale))).toBe(
      'The database driver was built for Electron 39.0.0, but this is Electron 40.8.5: run `npm run rebuild:electron` in the project folder (`npm start` does it for you), then start the app again.',
    )
    const unstamped = appWithElectronBuild(tempDir(), null)
    expect(sentence(() => chooseSqliteBinding({ electron: '40.8.5' }, unstamped))).toContain('was built for Electron an unknown version')
  })
})

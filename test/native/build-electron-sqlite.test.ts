import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as script from '../../native/build-electron-sqlite.mjs'
import { useTempDirs } from '../helpers/temp-dir'

describe('native/build-electron-sqlite.mjs decides when the Electron build of better-sqlite3 is stale', () => {
  const tempDir = useTempDirs()
  const wanted = script.wantedStamp()

  it('wants the installed Electron and better-sqlite3 for this platform', () => {
    expect(wanted).toEqual({ electron: '40.8.5', betterSqlite3: '12.11.1', platform: process.platform, arch: process.arch })
  })

  it('builds when the file is missing, unstamped, or made for another version; not when it matches', () => {
    const dir = tempDir()
    expect(script.staleReason(wanted, dir)).toMatch(/better_sqlite3\.node does not exist$/)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'better_sqlite3.node'), '')
    expect(script.staleReason(wanted, dir)).toMatch(/better-sqlite3\.json is missing or unreadable$/)
    writeFileSync(path.join(dir, 'better-sqlite3.json'), JSON.stringify({ ...wanted, electron: '39.2.0' }))
    expect(script.staleReason(wanted, dir)).toBe('it was built for electron 39.2.0; now 40.8.5')
    writeFileSync(path.join(dir, 'better-sqlite3.json'), JSON.stringify(wanted))
    expect(script.staleReason(wanted, dir)).toBeNull()
  })
})

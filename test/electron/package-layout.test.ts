import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADDON_RELATIVE_PATH } from '../../src/main/lab/engines/fused/native-core'

const REPO = path.join(__dirname, '../..')

/**
 * Packs the app as `npm run dist` does, with the real electron-builder and electron-builder.yml,
 * into an unpacked directory (its `dir` target), and reads what landed in the asar archive and
 * beside it. Electron's own binary cannot be downloaded here, so an empty placeholder stands in
 * for that one file; everything electron-builder decides about our files is real.
 */
describe.skipIf(process.platform !== 'linux')('the packaged app (electron-builder, dir target)', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'seqvae-package-'))
  let asarFiles: string[]
  let unpackedDir: string

  beforeAll(async () => {
    if (!existsSync(path.join(REPO, 'out/main/index.js'))) throw new Error('this test packs the built app: run `npm run build` first')
    const electronDist = path.join(work, 'electron-dist')
    mkdirSync(electronDist)
    writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 1\n')
    chmodSync(path.join(electronDist, 'electron'), 0o755)
    const { build, Platform } = await import('electron-builder')
    const { version: electronVersion } = (await import('electron/package.json', { with: { type: 'json' } })).default as { version: string }
    await build({
      projectDir: REPO,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: { electronDist, electronVersion, directories: { output: path.join(work, 'dist'), buildResources: 'resources' } },
    })
    const resources = path.join(work, 'dist', 'linux-unpacked', 'resources')
    unpackedDir = path.join(resources, 'app.asar.unpacked')
    const asar = await import('@electron/asar')
    asarFiles = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((file) => file.split(path.sep).join('/'))
  }, 240_000)
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('holds the main, worker and preload bundles, the renderer and the icon', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/training-worker.js', '/out/main/analysis-worker.js', '/out/preload/index.js', '/out/renderer/index.html', '/resources/icons/icon.png']) {
      expect(asarFiles, file).toContain(file)
    }
    expect(asarFiles.some((file) => /^\/out\/renderer\/assets\/index-.+\.js$/.test(file))).toBe(true)
    // Runtime dependencies come along; the CLI's TypeScript runner and better-sqlite3's Node build do not.
    expect(asarFiles).toContain('/node_modules/better-sqlite3/lib/database.js')
    expect(asarFiles).toContain('/node_modules/zod/package.json')
    expect(asarFiles.filter((file) => /^\/node_modules\/(tsx|esbuild|@esbuild)\//.test(file))).toEqual([])
    expect(asarFiles.filter((file) => file.startsWith('/node_modules/better-sqlite3/build/'))).toEqual([])
  })

  it('keeps every native library outside the archive, where the system can load it', () => {
    const natives = asarFiles.filter((file) => file.endsWith('.node'))
    expect(natives.length).toBeGreaterThan(0)
    for (const file of natives) expect(existsSync(path.join(unpackedDir, file)), file).toBe(true)
    // The fused engine's addon, where the engine looks for it.
    if (existsSync(path.join(REPO, ADDON_RELATIVE_PATH))) expect(existsSync(path.join(unpackedDir, ADDON_RELATIVE_PATH))).toBe(true)
  })
})

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADDON_RELATIVE_PATH } from '../../src/main/lab/engines/fused/native-core'
import { ELECTRON_BINDING, ELECTRON_BINDING_STAMP } from '../../src/main/lab/store/sqlite-binding'

const REPO = path.join(__dirname, '../..')
const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8')
const packageJson = JSON.parse(read('package.json')) as { allowScripts: Record<string, boolean>; main: string; scripts: Record<string, string> }

/** The packaging config as electron-builder itself reads it (its own loader and schema). */
async function builderConfig() {
  const { getConfig, validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as typeof import('app-builder-lib/out/util/config/config')
  const { DebugLogger } = (await import('builder-util')) as typeof import('builder-util')
  const config = await getConfig(REPO, null, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

/** A glob as electron-builder's matcher reads it (Node's own matcher; dot files included). */
const matches = (file: string, pattern: string) => path.posix.matchesGlob(file, pattern)

/** electron-builder's `files`: patterns in order, later negations excluding. */
function packs(patterns: string[], file: string): boolean {
  let included = false
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matches(file, pattern.slice(1))) included = false
    } else if (matches(file, pattern)) included = true
  }
  return included
}

const filePatterns = (config: Awaited<ReturnType<typeof builderConfig>>) =>
  (config.files as { filter: string[] }[] | string[]).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter))

/** Every native library the app loads, by the paths the loading code uses. */
const LOADED_NATIVES = [ADDON_RELATIVE_PATH, ELECTRON_BINDING].map((file) => file.split(path.sep).join('/'))

describe('installing the app', () => {
  it('allows Electron’s install script, which downloads the binary a user needs', () => {
    expect(packageJson.allowScripts.electron).toBe(true)
    // Where no download is possible (CI, these machines) the script is told to skip, and honours it.
    expect(read('.ci/run')).toMatch(/^export ELECTRON_SKIP_BINARY_DOWNLOAD=1$/m)
    expect(read('node_modules/electron/install.js')).toMatch(/if \(process\.env\.ELECTRON_SKIP_BINARY_DOWNLOAD\) \{\s*process\.exit\(0\);/)
  })

  it('builds better-sqlite3 for Electron before the app starts, is built, or is packaged', () => {
    for (const script of ['start', 'dev', 'dist']) expect(packageJson.scripts[script]).toContain('node native/build-electron-sqlite.mjs')
    expect(packageJson.scripts.dist).toMatch(/electron-vite build && node native\/build-electron-sqlite\.mjs && electron-builder/)
  })
})

describe('the packaging configuration (electron-builder.yml, read and validated by electron-builder)', () => {
  it('packs the main, worker and preload bundles, the renderer, the icon and every native library the app loads', async () => {
    const config = await builderConfig()
    const patterns = filePatterns(config)
    const required = ['package.json', 'out/main/index.js', 'out/main/training-worker.js', 'out/main/analysis-worker.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'resources/icons/icon.png', ...LOADED_NATIVES, ELECTRON_BINDING_STAMP.split(path.sep).join('/')]
    expect(required.filter((file) => !packs(patterns, file))).toEqual([])
    // better-sqlite3's Node build is never loaded by the app and stays out; so do source maps.
    expect(packs(patterns, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false)
    expect(packs(patterns, 'out/main/index.js.map')).toBe(false)
    expect(packageJson.main).toBe('./out/main/index.js')
  })

  it('unpacks every .node and .wasm file from the asar archive, and never rebuilds node_modules for Electron', async () => {
    const config = await builderConfig()
    const unpack = config.asarUnpack as string[]
    for (const file of [...LOADED_NATIVES, 'node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm']) {
      expect(unpack.some((pattern) => matches(file, pattern)), file).toBe(true)
    }
    expect(config.npmRebuild).toBe(false)
  })

  it('targets AppImage and deb on Linux, dmg on macOS and NSIS on Windows, with the project’s icons', async () => {
    const config = await builderConfig()
    expect([config.linux?.target, config.mac?.target, config.win?.target]).toEqual([['AppImage', 'deb'], ['dmg'], ['nsis']])
    expect(config.directories).toMatchObject({ buildResources: 'resources', output: 'dist' })
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) expect(existsSync(path.join(REPO, icon as string)), String(icon)).toBe(true)
  })
})

describe('the app icon', () => {
  it('is a 1024 × 1024 PNG, with the macOS and Windows forms beside it', () => {
    const png = readFileSync(path.join(REPO, 'resources/icons/icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
    expect(readFileSync(path.join(REPO, 'resources/icons/icon.icns')).subarray(0, 4).toString('ascii')).toBe('icns')
    // An ICO header: reserved 0, type 1 (icon), then the number of images.
    const ico = readFileSync(path.join(REPO, 'resources/icons/icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 4])
  })
})

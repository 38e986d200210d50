// Builds better-sqlite3 for Electron's ABI into build/electron/, apart from the Node build in
// node_modules that the CLI, `seqvae serve` and the tests load. better-sqlite3 talks to V8
// directly (not N-API), so one compiled file cannot serve both runtimes; the app picks the one
// that matches the process it runs in (src/main/lab/store/sqlite-binding.ts).
//
// Run before `npm start`, `npm run dev` and `npm run dist`. It does nothing when the build
// matches the installed Electron and better-sqlite3 (build/electron/better-sqlite3.json says
// which it was made for). Otherwise it copies better-sqlite3 into a staging folder and lets
// @electron/rebuild fetch a prebuilt binary for this Electron (prebuild-install) or compile one
// against Electron's headers (node-gyp); both need the internet, as installing Electron does.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'package.json'))
export const OUTPUT_DIR = path.join(root, 'build', 'electron')
export const BINDING_FILE = path.join(OUTPUT_DIR, 'better_sqlite3.node')
export const STAMP_FILE = path.join(OUTPUT_DIR, 'better-sqlite3.json')

/** What the Electron build must match: the installed Electron and better-sqlite3, this platform and arch. */
export function wantedStamp() {
  return {
    electron: require('electron/package.json').version,
    betterSqlite3: require('better-sqlite3/package.json').version,
    platform: process.platform,
    arch: process.arch,
  }
}

/** Why the Electron build in `dir` must be made (again), or null when it is up to date. */
export function staleReason(wanted = wantedStamp(), dir = OUTPUT_DIR) {
  const binding = path.join(dir, path.basename(BINDING_FILE))
  const stamp = path.join(dir, path.basename(STAMP_FILE))
  if (!existsSync(binding)) return `${path.relative(root, binding)} does not exist`
  let built
  try {
    built = JSON.parse(readFileSync(stamp, 'utf8'))
  } catch {
    return `${path.relative(root, stamp)} is missing or unreadable`
  }
  const changed = Object.keys(wanted).filter((key) => built[key] !== wanted[key])
  return changed.length ? `it was built for ${changed.map((key) => `${key} ${built[key]}`).join(', ')}; now ${changed.map((key) => wanted[key]).join(', ')}` : null
}

/** The Electron binary's path, or null when its download never happened (ELECTRON_SKIP_BINARY_DOWNLOAD, no network). */
function electronBinary() {
  try {
    const binary = require('electron')
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

async function build(wanted) {
  const staging = path.join(OUTPUT_DIR, 'staging')
  const moduleDir = path.join(staging, 'node_modules', 'better-sqlite3')
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(moduleDir, { recursive: true })
  const source = path.dirname(require.resolve('better-sqlite3/package.json'))
  // Everything but the Node build, so nothing of it can be mistaken for the Electron one.
  cpSync(source, moduleDir, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) })
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'electron-sqlite-staging', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } }))
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({ buildPath: staging, electronVersion: wanted.electron, arch: wanted.arch, onlyModules: ['better-sqlite3'], force: true })
  const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node')
  if (!existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing`)
  renameSync(built, BINDING_FILE)
  writeFileSync(STAMP_FILE, `${JSON.stringify(wanted, null, 2)}\n`)
  rmSync(staging, { recursive: true, force: true })
}

async function main() {
  const wanted = wantedStamp()
  const reason = staleReason(wanted)
  if (!reason) return console.log(`better-sqlite3 for Electron ${wanted.electron}: up to date (${path.relative(root, BINDING_FILE)})`)
  if (!electronBinary()) {
    console.error(
      'The Electron binary is not installed (node_modules/electron/dist is missing), so the desktop app cannot start. ' +
        'Run `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD set (it downloads Electron), then try again.',
    )
    process.exit(1)
  }
  console.log(`better-sqlite3 for Electron ${wanted.electron}: building (${reason}) …`)
  try {
    await build(wanted)
  } catch (e) {
    console.error(
      `Could not build better-sqlite3 for Electron ${wanted.electron}: ${e instanceof Error ? e.message.split('\n')[0] : e}. ` +
        'It needs the internet (a prebuilt binary or Electron\'s headers) or, offline, a C++ toolchain with Electron\'s headers already cached; the CLI and `seqvae serve` work without it.',
    )
    process.exit(1)
  }
  console.log(`better-sqlite3 for Electron ${wanted.electron}: built at ${path.relative(root, BINDING_FILE)}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()

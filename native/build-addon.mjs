// Builds the fused training engine's native addon, native/build/Release/seqvae_fused.node, with
// node-gyp. It runs on `npm install` / `npm ci` and never fails the install: where the addon cannot
// be built or loaded (no C++ compiler, no Python, no Node headers, an odd platform) it says why and
// exits 0, and the fused engine runs its TypeScript implementation instead.
// SEQVAE_SKIP_NATIVE=1 skips the build; --force rebuilds regardless. An addon that loads and was built from the same sources
// for this platform is kept as it is (see `upToDate`): reinstalling the project, as `npx` does
// into its cache, must not leave the engine without its addon for the ~40 s of a rebuild.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const addon = path.join(here, 'build', 'Release', 'seqvae_fused.node')
const stampFile = path.join(here, 'build', 'Release', 'seqvae_fused.stamp.json')
const fallbackNote = 'the fused engine will use its (slower) TypeScript implementation'

/** What the addon is built from and for: its sources and build files, this platform and architecture. */
function fingerprint() {
  const hash = createHash('sha256')
  const sources = readdirSync(path.join(here, 'src')).sort().map((name) => path.join('src', name))
  for (const file of ['binding.gyp', 'build-addon.mjs', ...sources]) hash.update(file).update(readFileSync(path.join(here, file)))
  return { sources: hash.digest('hex'), platform: process.platform, arch: process.arch }
}

/** The addon on disk was built from these sources for this machine, and loads. */
function upToDate(wanted) {
  if (!existsSync(addon) || !existsSync(stampFile)) return null
  try {
    const built = JSON.parse(readFileSync(stampFile, 'utf8'))
    if (Object.keys(wanted).some((key) => built[key] !== wanted[key])) return null
  } catch {
    return null
  }
  const check = loadsCleanly()
  return check.ok ? check : null
}

/** node-gyp's entry point: the one npm passes to install scripts, else the one bundled with npm. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  return candidates.find((file) => file && existsSync(file))
}

/** Headers installed next to this node (official tarballs, distribution packages): no download needed. */
function localNodeDir() {
  const prefix = path.join(path.dirname(process.execPath), '..')
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined
}

/** Loads the fresh addon in a separate process, so a broken binary is found now rather than at run time. */
function loadsCleanly() {
  const probe = `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(addon)}); console.log(m.exports.instructionSet())`
  const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' })
  return result.status === 0 ? { ok: true, isa: result.stdout.trim() } : { ok: false, reason: result.stderr.trim() }
}

function build() {
  if (process.env.SEQVAE_SKIP_NATIVE === '1') return console.log(`fused engine: SEQVAE_SKIP_NATIVE=1, native addon not built; ${fallbackNote}`)
  const wanted = fingerprint()
  const current = process.argv.includes('--force') ? null : upToDate(wanted)
  if (current) return console.log(`fused engine: native addon up to date (${current.isa} kernels), not rebuilt`)
  const nodeGyp = findNodeGyp()
  if (!nodeGyp) return console.warn(`fused engine: node-gyp not found, native addon not built; ${fallbackNote}`)
  // An explicitly configured nodedir wins; otherwise local headers spare node-gyp a download
  // (npm passes its config as npm_config_* variables, which node-gyp reads over its arguments).
  const nodeDir = process.env.npm_config_nodedir || localNodeDir()
  const env = nodeDir ? { ...process.env, npm_config_nodedir: nodeDir } : process.env
  const args = [nodeGyp, 'rebuild', '--release', `--jobs=${availableParallelism()}`]
  const result = spawnSync(process.execPath, args, { cwd: here, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 600_000 })
  if (result.status !== 0 || !existsSync(addon)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    return console.warn(`fused engine: building the native addon failed; ${fallbackNote}.\n${output || result.error?.message || ''}`)
  }
  const check = loadsCleanly()
  if (!check.ok) {
    rmSync(addon, { force: true })
    return console.warn(`fused engine: the native addon built but does not load; ${fallbackNote}.\n${check.reason}`)
  }
  writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`)
  console.log(`fused engine: native addon built (${check.isa} kernels) at ${path.relative(process.cwd(), addon)}`)
}

try {
  build()
} catch (e) {
  console.warn(`fused engine: native addon not built (${e instanceof Error ? e.message : e}); ${fallbackNote}`)
}

/**
 * `npm run bench:startup`: how long a `seqvae` command takes from process start to exit, here and
 * in a reference checkout, measured in the same run. Times `seqvae runs`, `seqvae datasets` and a
 * tiny fused-engine `seqvae train` (whose worker process starts too), each against a fresh data
 * directory per checkout, and prints medians and the ratio this/reference.
 *   node bin/run-ts.cjs bench/startup.ts --base-ref HEAD~1 [--reps 5]
 *   node bin/run-ts.cjs bench/startup.ts --base DIR [--reps 5]
 * `--base-ref` checks the commit out into a temporary git worktree (sharing this node_modules) and
 * removes it afterwards; `--base` names a checkout that already exists. Both checkouts use this
 * checkout's fused addon (or $SEQVAE_FUSED_ADDON), so only the TypeScript differs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values: opts } = parseArgs({ options: { base: { type: 'string' }, 'base-ref': { type: 'string' }, reps: { type: 'string' } } })
const reps = Number(opts.reps ?? 5)
const here = path.resolve(__dirname, '..')

const COMMANDS: { name: string; args: string[]; expect?: RegExp }[] = [
  { name: 'runs', args: ['runs'] },
  { name: 'datasets', args: ['datasets'] },
  {
    name: 'train (tiny, fused)',
    args: ['train', '--dataset', 'synthetic-sines', '--epochs', '1', '--train-limit', '200', '--val-limit', '50', '--eval-limit', '50', '--hidden', '8', '--engine', 'fused'],
    expect: /run \d+ finished/,
  },
]

interface Checkout {
  label: string
  root: string
  dataDir: string
}

function addonPath(): string | undefined {
  const built = path.join(here, 'native/build/Release/seqvae_fused.node')
  return process.env.SEQVAE_FUSED_ADDON ?? (existsSync(built) ? built : undefined)
}

/** Seconds from spawn to exit of one `seqvae` command; a failing command stops the benchmark. */
function timeCommand(checkout: Checkout, command: (typeof COMMANDS)[number]): number {
  const addon = addonPath()
  const started = performance.now()
  const result = spawnSync(process.execPath, [path.join(checkout.root, 'bin/seqvae.cjs'), ...command.args, '--data-dir', checkout.dataDir], {
    cwd: checkout.root,
    encoding: 'utf8',
    env: { ...process.env, ...(addon ? { SEQVAE_FUSED_ADDON: addon } : {}) },
  })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0 || (command.expect && !command.expect.test(result.stdout))) {
    throw new Error(`${checkout.label}: seqvae ${command.args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`)
  }
  return seconds
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function baseCheckout(): { root: string; cleanup: () => void } {
  if (opts.base) return { root: path.resolve(opts.base), cleanup: () => {} }
  const ref = opts['base-ref']
  if (!ref) throw new Error('name the reference: --base-ref REF (a commit of this repository) or --base DIR (a checkout)')
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'seqvae-startup-')), 'base')
  execFileSync('git', ['worktree', 'add', '--detach', root, ref], { cwd: here, stdio: 'ignore' })
  symlinkSync(path.join(here, 'node_modules'), path.join(root, 'node_modules'))
  return {
    root,
    cleanup: () => {
      execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: here, stdio: 'ignore' })
      rmSync(path.dirname(root), { recursive: true, force: true })
    },
  }
}

function main(): void {
  const base = baseCheckout()
  const checkouts: Checkout[] = [
    { label: 'reference', root: base.root, dataDir: mkdtempSync(path.join(os.tmpdir(), 'seqvae-startup-data-')) },
    { label: 'this', root: here, dataDir: mkdtempSync(path.join(os.tmpdir(), 'seqvae-startup-data-')) },
  ]
  try {
    console.log(`reference ${base.root}\nthis      ${here}\n${reps} repetitions each, interleaved; the first round (tsx's compile cache) is not counted`)
    const times = new Map<string, number[]>()
    for (let rep = 0; rep <= reps; rep++) {
      for (const command of COMMANDS) {
        for (const checkout of checkouts) {
          const seconds = timeCommand(checkout, command)
          if (rep === 0) continue
          const key = `${checkout.label}\t${command.name}`
          times.set(key, [...(times.get(key) ?? []), seconds])
        }
      }
    }
    console.log(['command'.padEnd(20), 'reference s', 'this s', 'this/reference'].join('  '))
    for (const command of COMMANDS) {
      const [ref, now] = checkouts.map((c) => median(times.get(`${c.label}\t${command.name}`) ?? []))
      console.log([command.name.padEnd(20), ref.toFixed(3).padStart(11), now.toFixed(3).padStart(6), (now / ref).toFixed(2).padStart(14)].join('  '))
    }
  } finally {
    for (const checkout of checkouts) rmSync(checkout.dataDir, { recursive: true, force: true })
    base.cleanup()
  }
}

main()

/**
 * Training speed of the sequence VAE: the fused engine against tfjs (wasm) and PyTorch on the CPU,
 * measured in one invocation with the engines interleaved round by round, so that load from other
 * processes hits them alike. Each engine trains a fixed number of samples per round (after a short
 * warm-up) and its best round counts. PyTorch runs bench/pytorch_reference.py under Debian's
 * python3-torch with OpenBLAS pinned to one thread, once with 1 and once with 2 torch threads; the
 * faster counts. The last line is the ratio fused / PyTorch.
 *
 *   node bin/run-ts.cjs bench/train-speed.ts [--batch 32,128] [--cell gru|lstm] [--hidden 40]
 *     [--latent 3] [--samples 16384] [--tfjs-samples 1024] [--rounds 3] [--threads 2]
 *     [--no-tfjs] [--no-torch]
 *
 * Each round also prints samples per CPU-second (all threads of the process), which shows the work
 * per sample even when other processes hold the cores; the verdict uses wall-clock samples/s.
 *
 * Data: the first MNIST training images as 28 steps × 28 features for the fused and tfjs engines;
 * PyTorch trains on uniform [0, 1) data of the same shape (pixel values do not change its timing).
 */
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadMnistSplit, mnistDataDir } from '../src/main/lab/data/mnist'
import type { SequenceSet } from '../src/main/lab/data/sequence-set'
import { initialWeights } from '../src/main/lab/model/initial-weights'
import type { ModelSpec } from '../src/main/lab/model/model-spec'
import { createTfjsEngine } from '../src/main/lab/engines/tfjs/tfjs-engine'
import { createFusedEngine } from '../src/main/lab/engines/fused/fused-engine'
import { SeededRandom } from '../src/main/lab/common/seeded-random'
import type { TrainingEngine } from '../src/main/lab/engines/training-engine'

const EPOCH_SAMPLES = 54_000
const DEBIAN_PYTHON = '/usr/bin/python3'
const TORCH_SCRIPT = path.join(__dirname, 'pytorch_reference.py')

const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: '32' },
    cell: { type: 'string', default: 'gru' },
    hidden: { type: 'string', default: '40' },
    latent: { type: 'string', default: '3' },
    samples: { type: 'string', default: '16384' },
    'tfjs-samples': { type: 'string', default: '1024' },
    rounds: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    'no-tfjs': { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
  },
})

const positive = (name: string, text: string): number => {
  const v = Number(text)
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${text}`)
  return v
}
if (opts.cell !== 'gru' && opts.cell !== 'lstm') throw new Error(`--cell must be gru or lstm, got ${opts.cell}`)
const batches = opts.batch.split(',').map((b) => positive('batch', b))
const spec: ModelSpec = {
  cell: opts.cell,
  steps: 28,
  features: 28,
  hiddenUnits: positive('hidden', opts.hidden),
  latentDim: positive('latent', opts.latent),
  likelihood: 'bernoulli',
  bidirectional: false,
}
const samples = positive('samples', opts.samples)
const tfjsSamples = positive('tfjs-samples', opts['tfjs-samples'])
const rounds = positive('rounds', opts.rounds)
const threads = positive('threads', opts.threads)

interface Rate {
  /** Samples per wall-clock second. */
  wall: number
  /** Samples per CPU-second of this process. */
  cpu: number
}

/** Speed of `engine` training `count` samples in batches of `batch`, gathered in shuffled order as the training loop does. */
async function timeEngine(engine: TrainingEngine, data: SequenceSet, batch: number, count: number): Promise<Rate> {
  const size = data.steps * data.features
  const rng = new SeededRandom(1)
  const order = rng.shuffle(Int32Array.from({ length: data.count }, (_, i) => i))
  const x = new Float32Array(batch * size)
  const eps = new Float32Array(batch * spec.latentDim)
  let cursor = 0
  const step = async () => {
    for (let i = 0; i < batch; i++, cursor = (cursor + 1) % data.count) x.set(data.data.subarray(order[cursor] * size, (order[cursor] + 1) * size), i * size)
    rng.fillNormal(eps)
    await engine.trainStep(x, eps, batch, 0.01)
  }
  for (let i = 0; i < 3; i++) await step()
  const steps = Math.max(1, Math.floor(count / batch))
  const start = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  for (let i = 0; i < steps; i++) await step()
  const cpu = process.cpuUsage(cpuStart)
  return { wall: (steps * batch) / (Number(process.hrtime.bigint() - start) / 1e9), cpu: (steps * batch) / ((cpu.user + cpu.system) / 1e6) }
}

/** Makes Debian's PyTorch + OpenBLAS available, installing them if missing; returns why not when it cannot. */
function ensureTorch(): string | null {
  const probe = () => spawnSync(DEBIAN_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0
  if (probe()) return null
  console.log('installing python3-torch and libopenblas0-pthread with apt-get …')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env })
  spawnSync('apt-get', ['install', '-y', '-qq', 'python3-torch', 'libopenblas0-pthread'], { stdio: 'ignore', env })
  return probe() ? null : `${DEBIAN_PYTHON} cannot import torch and apt-get could not install python3-torch`
}

/** PyTorch's speed with 1 and 2 torch threads (one process, OpenBLAS single-threaded). */
function timeTorch(batch: number): Map<number, Rate> {
  const args = [TORCH_SCRIPT, '--cell', spec.cell, '--hidden', `${spec.hiddenUnits}`, '--latent', `${spec.latentDim}`, '--batch', `${batch}`, '--samples', `${samples}`, '--threads', '1', '2']
  const result = spawnSync(DEBIAN_PYTHON, args, { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } })
  if (result.status !== 0) throw new Error(`PyTorch reference failed:\n${result.stderr}`)
  const rates = new Map<number, Rate>()
  for (const line of result.stdout.trim().split('\n')) {
    const r = JSON.parse(line) as { threads: number; samples_per_s: number; samples_per_cpu_s: number }
    rates.set(r.threads, { wall: r.samples_per_s, cpu: r.samples_per_cpu_s })
  }
  return rates
}

const fmt = (v: number) => Math.round(v).toLocaleString('en-US')
const fmtRate = (r: Rate) => `${fmt(r.wall)} (${fmt(r.cpu)}/cpu-s)`
const perEpoch = (rate: number) => `${(EPOCH_SAMPLES / rate).toFixed(1)} s/epoch`

async function main(): Promise<void> {
  const torchProblem = opts['no-torch'] ? 'skipped (--no-torch)' : ensureTorch()
  const pool = await loadMnistSplit(mnistDataDir(), 'train')
  const data: SequenceSet = { ...pool, count: Math.min(pool.count, 8192), data: pool.data.subarray(0, Math.min(pool.count, 8192) * pool.steps * pool.features) }
  const weights = initialWeights(spec, 42)
  console.log(`${spec.cell.toUpperCase()} hidden ${spec.hiddenUnits}, latent ${spec.latentDim}, 28×28 MNIST; ${samples} samples per round (tfjs ${tfjsSamples}), ${rounds} rounds, best round counts`)
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 shared cores: compare only within this run)`)

  const ratios: string[] = []
  for (const batch of batches) {
    const fused = await createFusedEngine({ spec, learningRate: 1e-3, weights, threads })
    const tfjs = opts['no-tfjs'] ? null : await createTfjsEngine({ spec, learningRate: 1e-3, weights, backend: 'wasm' })
    const best = { fused: 0, tfjs: 0, torch1: 0, torch2: 0 }
    try {
      for (let round = 1; round <= rounds; round++) {
        const parts: string[] = []
        const f = await timeEngine(fused, data, batch, samples)
        best.fused = Math.max(best.fused, f.wall)
        parts.push(`fused ${fmtRate(f)}`)
        if (!torchProblem) {
          const t = timeTorch(batch)
          for (const [threads, rate] of t) {
            if (threads === 1) best.torch1 = Math.max(best.torch1, rate.wall)
            if (threads === 2) best.torch2 = Math.max(best.torch2, rate.wall)
            parts.push(`torch-${threads}t ${fmtRate(rate)}`)
          }
        }
        if (tfjs) {
          const w = await timeEngine(tfjs, data, batch, tfjsSamples)
          best.tfjs = Math.max(best.tfjs, w.wall)
          parts.push(`tfjs-${tfjs.backend} ${fmtRate(w)}`)
        }
        console.log(`batch ${batch} round ${round}: ${parts.join(', ')} samples/s`)
      }
    } finally {
      fused.dispose()
      tfjs?.dispose()
    }
    console.log(`batch ${batch} best: fused (${fused.backend}) ${fmt(best.fused)} samples/s = ${perEpoch(best.fused)}`)
    if (tfjs) console.log(`batch ${batch} best: tfjs (${tfjs.backend}) ${fmt(best.tfjs)} samples/s = ${perEpoch(best.tfjs)}`)
    if (torchProblem) {
      ratios.push(`batch ${batch}: no PyTorch (${torchProblem})`)
      continue
    }
    const torch = Math.max(best.torch1, best.torch2)
    console.log(`batch ${batch} best: PyTorch ${fmt(torch)} samples/s = ${perEpoch(torch)} (1 thread ${fmt(best.torch1)}, 2 threads ${fmt(best.torch2)})`)
    ratios.push(`batch ${batch} ${(best.fused / torch).toFixed(2)}×`)
  }
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  console.log(`fused/PyTorch: ${ratios.join(', ')}`)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

/**
 * Reproduction of the reference write-up: trains its protocol (`--preset reference`: up to 100
 * epochs, early stopping with patience 3 on val_loss, the last 10% of MNIST's training images held
 * out) and this workbench's default protocol (35 epochs, a seeded random 10%) with the same seeds,
 * and prints per seed the epochs run, where and why it stopped, the final and best val_loss and
 * the losses at epochs 1 and 35, then the median and spread (min–max) of each, beside the
 * write-up's own log (one Keras run: epoch 1 loss 0.2957 / val 0.2674, epoch 35 0.2236 / 0.2228).
 *
 *   npm run bench:reproduction -- [--seeds 5] [--first-seed 42] [--parallel 1] [--threads 2]
 *     [--max-epochs N] [--train-limit N] [--val-limit N]
 *
 * `--parallel`: runs trained at once, each in its own process; `--threads`: the fused engine's
 * native threads per run (parallel × threads ≈ the machine's cores). The limits are for trying
 * the script out: they cap epochs and samples of both protocols alike, so figures then say
 * nothing about the write-up. A full run (2 × 5 seeds, about 35–100 epochs of 54,000 images each)
 * takes hours on two cores; it is the lead's to run on a bigger machine.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import type { EpochMetrics, RunStop } from '../src/shared/api'
import { replicates } from '../src/shared/replicates'
import { RunConfigSchema, type RunConfig, type RunConfigInput } from '../src/shared/run-config'
import { REFERENCE_PROTOCOL } from '../src/shared/run-presets'
import { median, range } from '../src/shared/summary-stats'
import { splitDataset } from '../src/main/lab/data/dataset-split'
import { mnistSource } from '../src/main/lab/data/mnist'
import { createEngine } from '../src/main/lab/engines/engine-factory'
import { initialWeights } from '../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../src/main/lab/model/model-spec'
import { initialTrainState, trainEpochs, UNWATCHED } from '../src/main/lab/train/training-loop'

/** The write-up's log (Keras, one run, batch 32 by its losses): what the medians are set beside. */
const WRITE_UP = { epoch1: { loss: 0.2957, valLoss: 0.2674 }, epoch35: { loss: 0.2236, valLoss: 0.2228 } }

const PROTOCOLS = {
  reference: { label: 'reference protocol (write-up)', config: REFERENCE_PROTOCOL.config },
  default: { label: 'default protocol (workbench)', config: {} },
} as const satisfies Record<string, { label: string; config: RunConfigInput }>
type ProtocolName = keyof typeof PROTOCOLS

interface Job {
  protocol: ProtocolName
  seed: number
  config: RunConfig
}

/** What a training process prints, one JSON object a line. */
type ChildLine = { epoch: EpochMetrics } | { stop: RunStop }

interface Result {
  job: Job
  epochs: EpochMetrics[]
  stop: RunStop
}

const { values: opts } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    'first-seed': { type: 'string', default: '42' },
    parallel: { type: 'string', default: '1' },
    threads: { type: 'string', default: '2' },
    'max-epochs': { type: 'string' },
    'train-limit': { type: 'string' },
    'val-limit': { type: 'string' },
    /** Internal: train this one job (JSON) and print its lines. */
    one: { type: 'string' },
  },
})

function positive(name: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined
  const v = Number(text)
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer of at least ${min}, not "${text}"`)
  return v
}

const threads = positive('threads', opts.threads)!

/** In a training process: one protocol, one seed, to the end. */
async function trainOne(job: Job): Promise<void> {
  const { pool, test } = await mnistSource().load()
  const { config } = job
  const spec = modelSpecFor(config, pool.steps, pool.features)
  const engine = await createEngine(config, spec, initialWeights(spec, config.seed), { threads })
  const print = (line: ChildLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`)
  try {
    const outcome = await trainEpochs(engine, config, splitDataset(pool, test, config), initialTrainState(config), {
      ...UNWATCHED,
      onEpoch: async (epoch) => void print({ epoch }),
    })
    if (outcome.status === 'finished') print({ stop: outcome.stop })
  } finally {
    engine.dispose()
  }
}

function jobsFromOptions(): Job[] {
  const seeds = positive('seeds', opts.seeds)!
  const firstSeed = positive('first-seed', opts['first-seed'], 0)!
  const limits: RunConfigInput = {}
  const trainLimit = positive('train-limit', opts['train-limit'])
  const valLimit = positive('val-limit', opts['val-limit'])
  if (trainLimit !== undefined) limits.trainLimit = trainLimit
  if (valLimit !== undefined) limits.valLimit = valLimit
  const maxEpochs = positive('max-epochs', opts['max-epochs'])
  return (Object.keys(PROTOCOLS) as ProtocolName[]).flatMap((protocol) =>
    replicates({ ...PROTOCOLS[protocol].config, ...limits, seed: firstSeed }, seeds, protocol).map(({ config }) => {
      const parsed = RunConfigSchema.parse(config)
      if (maxEpochs !== undefined) parsed.epochs = Math.min(parsed.epochs, maxEpochs)
      return { protocol, seed: parsed.seed, config: parsed }
    }),
  )
}

/** Trains one job in its own process, reporting each epoch; resolves with its result. */
function runChild(job: Job, onEpoch: (m: EpochMetrics) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '../bin/run-ts.cjs'), __filename, '--threads', String(threads), '--one', JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const epochs: EpochMetrics[] = []
    let stop: RunStop | null = null
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as ChildLine
      if ('epoch' in line) {
        epochs.push(line.epoch)
        onEpoch(line.epoch)
      } else stop = line.stop
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 && stop ? resolve({ job, epochs, stop }) : reject(new Error(`${job.protocol} seed ${job.seed}: training process exited with ${code}`))))
  })
}

async function runAll(jobs: Job[], parallel: number): Promise<Result[]> {
  const planned = jobs.reduce((n, j) => n + j.config.epochs, 0)
  let done = 0
  const results: Result[] = []
  let next = 0
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]
      const result = await runChild(job, (m) => {
        done++
        // Early stopping ends a run before its planned epochs, so the share can jump forwards.
        const pct = ((100 * done) / planned).toFixed(0).padStart(3)
        process.stderr.write(`[${pct}%] ${job.protocol} seed ${job.seed}: epoch ${m.epoch}/${job.config.epochs}  loss ${m.loss.toFixed(4)}  val_loss ${m.valLoss.toFixed(4)}\n`)
      })
      done += job.config.epochs - result.epochs.length
      results.push(result)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, lane))
  return jobs.map((job) => results.find((r) => r.job === job)!)
}

const f4 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(4))
const pair = (m: EpochMetrics | undefined) => (m ? `${f4(m.loss)} / ${f4(m.valLoss)}` : '— / —')

function perSeedTable(results: Result[]): string[] {
  const head = ['protocol', 'seed', 'epochs run', 'stopped at', 'why', 'final val_loss', 'best val_loss (epoch)', 'epoch 1 loss / val', 'epoch 35 loss / val']
  const rows = results.map(({ job, epochs, stop }) => [
    job.protocol,
    String(job.seed),
    String(epochs.length),
    String(stop.epoch),
    stop.reason === 'early-stopping' ? 'early stop' : 'all epochs',
    f4(epochs.at(-1)?.valLoss),
    `${f4(stop.bestValLoss ?? undefined)} (${stop.bestEpoch ?? '—'})`,
    pair(epochs[0]),
    pair(epochs[34]),
  ])
  return table([head, ...rows], 2)
}

function summaryTable(results: Result[]): string[] {
  const head = ['protocol', 'seeds', 'figure', 'median', 'min – max']
  const rows: string[][] = []
  for (const protocol of Object.keys(PROTOCOLS) as ProtocolName[]) {
    const mine = results.filter((r) => r.job.protocol === protocol)
    const figures: [string, number[], (v: number) => string][] = [
      ['epochs run', mine.map((r) => r.epochs.length), (v) => v.toFixed(1)],
      ['stopping epoch', mine.map((r) => r.stop.epoch), (v) => v.toFixed(1)],
      ['final val_loss', mine.map((r) => r.epochs.at(-1)?.valLoss ?? NaN), f4],
      ['best val_loss', mine.map((r) => r.stop.bestValLoss ?? NaN), f4],
      ['epoch 1 loss', mine.map((r) => r.epochs[0]?.loss ?? NaN), f4],
      ['epoch 1 val_loss', mine.map((r) => r.epochs[0]?.valLoss ?? NaN), f4],
      ['epoch 35 loss', mine.map((r) => r.epochs[34]?.loss ?? NaN), f4],
      ['epoch 35 val_loss', mine.map((r) => r.epochs[34]?.valLoss ?? NaN), f4],
    ]
    for (const [name, values, format] of figures) {
      const { min, max } = range(values)
      rows.push([PROTOCOLS[protocol].label, String(mine.length), name, format(median(values)), Number.isNaN(min) ? '—' : `${format(min)} – ${format(max)}`])
    }
  }
  return table([head, ...rows], 3)
}

/** Columns padded to one width; the first `left` flush left (names), the rest right (figures). */
function table(rows: string[][], left: number): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
}

async function main(): Promise<void> {
  if (opts.one !== undefined) return trainOne(JSON.parse(opts.one) as Job)
  const jobs = jobsFromOptions()
  const parallel = positive('parallel', opts.parallel)!
  const limited = opts['max-epochs'] !== undefined || opts['train-limit'] !== undefined || opts['val-limit'] !== undefined
  console.log(`Reproduction of the write-up on MNIST: ${jobs.length / 2} seeds per protocol, ${parallel} at once, ${threads} threads each`)
  const started = performance.now()
  const results = await runAll(jobs, parallel)
  console.log('')
  for (const line of perSeedTable(results)) console.log(line)
  console.log('')
  for (const line of summaryTable(results)) console.log(line)
  console.log('')
  console.log(`write-up (Keras, one run): epoch 1 loss / val ${WRITE_UP.epoch1.loss.toFixed(4)} / ${WRITE_UP.epoch1.valLoss.toFixed(4)}; epoch 35 ${WRITE_UP.epoch35.loss.toFixed(4)} / ${WRITE_UP.epoch35.valLoss.toFixed(4)}; its log ends at "Epoch 35/100"`)
  if (limited) console.log('(limited by --max-epochs / --train-limit / --val-limit: these figures try the script out and say nothing about the write-up)')
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main().catch((e: unknown) => {
  console.error((e as Error).message)
  process.exitCode = 1
})

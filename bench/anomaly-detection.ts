/**
 * How well a sequence VAE finds injected anomalies in synthetic sines, at sizes too large for the
 * test suite: for each anomaly kind and each model variant (likelihood × encoder), a run trains on
 * clean-and-anomalous sines (5 % anomalies, as an unsupervised detector would see them) and scores
 * a held-out set; the table gives the ROC AUC of each score. One engine (fused, the default) and
 * fixed seeds, so a row is reproducible; `--seeds N` averages N data/initialisation seeds.
 *
 *   node bin/run-ts.cjs bench/anomaly-detection.ts [--train 4000] [--test 1000] [--steps 32]
 *     [--epochs 10] [--hidden 32] [--latent 3] [--seeds 1] [--samples 16]
 *
 * The Gaussian variants see the sines z-scored, as an import for a Gaussian decoder would be; the
 * Bernoulli ones see them in [0, 1]. Settings follow the synthetic sines' suggested config (λ 0.001, learning rate 0.01), which keeps
 * the codes from collapsing onto the prior.
 */
import { parseArgs } from 'node:util'
import { anomalyScores, type AnomalyScores } from '../src/main/lab/analysis/anomaly-scores'
import { detectionCurves } from '../src/main/lab/analysis/detection-curves'
import { splitDataset } from '../src/main/lab/data/dataset-split'
import { fitNormalisation, normalise } from '../src/main/lab/data/import/normalisation'
import { ANOMALY_KINDS, generateSines, type AnomalyKind } from '../src/main/lab/data/synthetic-sines'
import { initialWeights } from '../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../src/main/lab/model/model-spec'
import { createEngine } from '../src/main/lab/engines/engine-factory'
import { initialTrainState, trainEpochs, UNWATCHED } from '../src/main/lab/train/training-loop'
import { RunConfigSchema, type Likelihood } from '../src/shared/run-config'

const { values: opts } = parseArgs({
  options: {
    train: { type: 'string', default: '4000' },
    test: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '32' },
    epochs: { type: 'string', default: '10' },
    hidden: { type: 'string', default: '32' },
    latent: { type: 'string', default: '3' },
    seeds: { type: 'string', default: '1' },
    samples: { type: 'string', default: '16' },
  },
})
const positive = (name: keyof typeof opts): number => {
  const v = Number(opts[name])
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${opts[name]}`)
  return v
}
const [trainCount, testCount, steps, epochs, hidden, latent, seeds, samples] = (
  ['train', 'test', 'steps', 'epochs', 'hidden', 'latent', 'seeds', 'samples'] as const
).map(positive)

const VARIANTS: { label: string; likelihood: Likelihood; bidirectional: boolean }[] = [
  { label: 'bernoulli', likelihood: 'bernoulli', bidirectional: false },
  { label: 'gaussian', likelihood: 'gaussian', bidirectional: false },
  { label: 'bernoulli, bidirectional', likelihood: 'bernoulli', bidirectional: true },
  { label: 'gaussian, bidirectional', likelihood: 'gaussian', bidirectional: true },
]
const SCORES = [
  ['max-step-mse', 'maxStepMse'],
  ['mse', 'mse'],
  ['nll', 'nll'],
] as const satisfies readonly (readonly [string, keyof AnomalyScores])[]

async function rocAucs(kind: AnomalyKind, variant: (typeof VARIANTS)[number], seed: number): Promise<{ aucs: number[]; seconds: number }> {
  const shape = { steps, anomalyRate: 0.05, anomalyKinds: [kind] }
  const sines = { pool: generateSines({ ...shape, count: trainCount, seed: 2 * seed + 1 }), test: generateSines({ ...shape, count: testCount, seed: 2 * seed + 2 }) }
  // As an import would be: z-scored (fitted on the training pool) for the Gaussian, [0, 1] for the Bernoulli.
  const zScore = variant.likelihood === 'gaussian' ? fitNormalisation('z-score', sines.pool.data, 1) : null
  const [pool, test] = [sines.pool, sines.test].map((set) => (zScore ? { ...set, data: normalise(set.data, zScore) } : set))
  const config = RunConfigSchema.parse({
    epochs,
    hiddenUnits: hidden,
    latentDim: latent,
    learningRate: 0.01,
    klWeight: 0.001,
    likelihood: variant.likelihood,
    bidirectional: variant.bidirectional,
    seed,
  })
  const spec = modelSpecFor(config, steps, 1)
  const engine = await createEngine(config, spec, initialWeights(spec, seed))
  const started = performance.now()
  try {
    await trainEpochs(engine, config, splitDataset(pool, test, config), initialTrainState(config), UNWATCHED)
    const scores = await anomalyScores(engine, test, { latentDim: latent, samples, likelihood: variant.likelihood })
    const anomalous = Array.from(test.labels, (l) => l === 1)
    return { aucs: SCORES.map(([, key]) => detectionCurves(scores[key], anomalous).rocAuc), seconds: (performance.now() - started) / 1000 }
  } finally {
    engine.dispose()
  }
}

async function main(): Promise<void> {
  console.log(
    `# ROC AUC on synthetic sines, 5 % anomalies of one kind: ${trainCount} train (10 % of it validation) / ${testCount} test, ` +
      `${steps} steps, ${epochs} epochs, GRU(${hidden}), latent ${latent}, L = ${samples}, mean of ${seeds} seed(s)`,
  )
  console.log(`| anomaly | model | ${SCORES.map(([name]) => name).join(' | ')} | s per run |`)
  console.log(`|---|---|${SCORES.map(() => '---').join('|')}|---|`)
  for (const kind of ANOMALY_KINDS) {
    for (const variant of VARIANTS) {
      const totals = new Array<number>(SCORES.length).fill(0)
      let seconds = 0
      for (let seed = 0; seed < seeds; seed++) {
        const result = await rocAucs(kind, variant, seed)
        result.aucs.forEach((auc, i) => (totals[i] += auc / seeds))
        seconds += result.seconds / seeds
      }
      console.log(`| ${kind} | ${variant.label} | ${totals.map((a) => a.toFixed(3)).join(' | ')} | ${seconds.toFixed(1)} |`)
    }
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})

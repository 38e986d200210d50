/**
 * `npm run bench:analysis`: how fast does the Lab score an evaluation set, against how fast the same
 * engine trains? A reference-sized model (the default config on MNIST, 10,000 test samples), its
 * initial weights (the arithmetic does not depend on them). In one invocation: the training
 * throughput (samples/s through trainStep, the reference), decode-only throughput, and the anomaly
 * scores (what getAnomalyReport computes in an analysis worker) with 16 and 64 draws: seconds and
 * decodes/s (each sample is decoded once from z_mean and once per draw). Goals (issue 14, on the
 * 2-core machine): ≤ 1 s with 16 draws, ≤ 3 s with 64.
 *
 *   node bin/run-ts.cjs bench/analysis.ts [--samples 10000] [--draws 16,64]
 */
import { parseArgs } from 'node:util'
import { anomalyScores } from '../src/main/lab/analysis/anomaly-scores'
import { findDataset } from '../src/main/lab/data/dataset-registry'
import { selectSequences } from '../src/main/lab/data/sequence-set'
import { createEngine } from '../src/main/lab/engines/engine-factory'
import { initialWeights } from '../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../src/main/lab/model/model-spec'
import { SeededRandom } from '../src/main/lab/common/seeded-random'
import { DEFAULT_RUN_CONFIG } from '../src/shared/run-config'
import { loadLine, medianMs } from './lib/timing'

const { values } = parseArgs({ options: { samples: { type: 'string', default: '10000' }, draws: { type: 'string', default: '16,64' } } })
const DECODE_ROWS = 4096

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const config = DEFAULT_RUN_CONFIG
  const { test } = await findDataset(config.dataset).load()
  const count = Math.min(Number(values.samples), test.count)
  const set = selectSequences(test, Int32Array.from({ length: count }, (_, i) => i))
  const spec = modelSpecFor(config, set.steps, set.features)
  const engine = await createEngine(config, spec, initialWeights(spec, config.seed))
  try {
    const size = set.steps * set.features
    const random = new SeededRandom(1)
    const batch = config.batchSize
    const x = set.data.subarray(0, batch * size)
    const eps = random.fillNormal(new Float32Array(batch * config.latentDim))
    const trainMs = await medianMs(20, () => engine.trainStep(x, eps, batch, config.klWeight))
    const trainRate = (batch / trainMs) * 1000
    console.log(`${engine.engine} (${engine.backend}), GRU(${config.hiddenUnits}), latent ${config.latentDim}, ${set.steps}×${set.features}, ${count} samples`)
    console.log(`training (reference): ${trainRate.toFixed(0)} samples/s (batch ${batch})`)

    const z = random.fillNormal(new Float32Array(DECODE_ROWS * config.latentDim))
    const out = new Float32Array(DECODE_ROWS * size)
    const decodeMs = await medianMs(5, () => engine.decode(z, DECODE_ROWS, out))
    const decodeRate = (DECODE_ROWS / decodeMs) * 1000
    console.log(`decode only: ${decodeRate.toFixed(0)} decodes/s = ${(decodeRate / trainRate).toFixed(2)}× training`)

    for (const draws of values.draws.split(',').map(Number)) {
      const started = performance.now()
      await anomalyScores(engine, set, { latentDim: config.latentDim, likelihood: config.likelihood, samples: draws })
      const seconds = (performance.now() - started) / 1000
      const rate = (count * (draws + 1)) / seconds
      const goal = draws <= 16 ? 1 : 3
      console.log(
        `anomaly scores, ${draws} draws: ${seconds.toFixed(2)} s (goal ≤ ${goal} s for 10,000), ${rate.toFixed(0)} decodes/s = ${(rate / trainRate).toFixed(2)}× training`,
      )
    }
  } finally {
    engine.dispose()
  }
  console.log(loadLine('at end'))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})

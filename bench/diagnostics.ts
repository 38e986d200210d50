/**
 * `npm run bench:diagnostics`: how long the latent normality diagnostics take, against the work
 * they sit beside, measured in the same invocation.
 *   - the full diagnostics (tests, effect sizes, VAE health) on 10,000 three-dimensional codes, as
 *     the Normality tab asks for them; goal < 1 s;
 *   - the per-epoch statistics on 6,000 validation codes, computed after every epoch; goal < 0.5 s;
 *   - reference: encoding those 6,000 MNIST validation sequences with the fused engine, the pass
 *     that produces the codes each epoch. The ratio says what the statistics add to it.
 *
 *   node bin/run-ts.cjs bench/diagnostics.ts [--rounds 5]
 */
import { parseArgs } from 'node:util'
import { encodeCodes } from '../src/main/lab/analysis/evaluation-encoding'
import { epochLatentStats } from '../src/main/lab/analysis/normality/epoch-latent-stats'
import { computeLatentDiagnostics } from '../src/main/lab/analysis/normality/latent-diagnostics'
import { loadMnistSplit, mnistDataDir } from '../src/main/lab/data/mnist'
import { initialWeights } from '../src/main/lab/model/initial-weights'
import type { ModelSpec } from '../src/main/lab/model/model-spec'
import { createFusedInference } from '../src/main/lab/engines/fused/fused-engine'
import { SeededRandom } from '../src/main/lab/common/seeded-random'
import { loadLine, medianMs } from './lib/timing'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } })
const rounds = Number(values.rounds)

const REFERENCE_SPEC: ModelSpec = { cell: 'gru', steps: 28, features: 28, hiddenUnits: 40, latentDim: 3, likelihood: 'bernoulli', bidirectional: false }

function normalCodes(n: number, dim: number, seed: number): { zMean: Float32Array; zLogVar: Float32Array } {
  const random = new SeededRandom(seed)
  return { zMean: random.fillNormal(new Float32Array(n * dim)), zLogVar: new Float32Array(n * dim).fill(-3) }
}

async function main(): Promise<void> {
  console.log(loadLine('at start'))
  const full = normalCodes(10_000, 3, 11)
  const diagnosticsMs = await medianMs(rounds, () => computeLatentDiagnostics(full.zMean, full.zLogVar, 10_000, 3))
  const epochCodes = normalCodes(6_000, 3, 21)
  const epochStatsMs = await medianMs(rounds, () => epochLatentStats(epochCodes.zMean, epochCodes.zLogVar, 6_000, 3))

  const validation = await loadMnistSplit(mnistDataDir(), 'train', '', 6_000)
  const engine = await createFusedInference({ spec: REFERENCE_SPEC, weights: initialWeights(REFERENCE_SPEC, 42), threads: 2 })
  let encodeMs: number
  try {
    encodeMs = await medianMs(rounds, () => encodeCodes(engine, validation, 3))
  } finally {
    engine.dispose()
  }

  console.log(`median of ${rounds} rounds after a warm-up:`)
  console.log(`  full diagnostics, 10,000 × 3 codes:      ${diagnosticsMs.toFixed(0)} ms (goal < 1000 ms)`)
  console.log(`  per-epoch statistics, 6,000 × 3 codes:   ${epochStatsMs.toFixed(0)} ms (goal < 500 ms)`)
  console.log(`  reference: fused encode of 6,000 MNIST validation sequences (${engine.backend}): ${encodeMs.toFixed(0)} ms`)
  console.log(`  per-epoch statistics / validation encode: ${(epochStatsMs / encodeMs).toFixed(2)}×`)
  console.log(loadLine('at end'))
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

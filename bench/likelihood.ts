/**
 * `npm run bench:likelihood -- --data-dir DIR --run ID [--samples N]`: the test log-likelihood of a
 * trained run at K = 1, 10, 100 and 1,000 on its first N evaluation samples (default 500), with
 *   - the ELBO computed independently: stored codes, decodes of z = μ + σ·ε scored by the stored
 *     reconstruction errors' function, and the analytic KL (it must agree with K = 1);
 *   - speed: decoded rows per second of the estimator against the plain batched decode of the same
 *     rows (the reference, measured in the same invocation): the ratio is what the log-densities add.
 *
 *   node bin/run-ts.cjs bench/likelihood.ts --data-dir /tmp/data --run 1 --samples 500
 */
import { parseArgs } from 'node:util'
import { estimateLogLikelihood, type LikelihoodProblem } from '../src/main/lab/analysis/likelihood/iwae-estimator'
import { perSampleErrors } from '../src/main/lab/analysis/reconstruction-error'
import { SeededRandom } from '../src/main/lab/common/seeded-random'
import { findDataset } from '../src/main/lab/data/dataset-registry'
import { selectSequences, sequenceSize } from '../src/main/lab/data/sequence-set'
import { databaseFile } from '../src/main/lab/data-dir'
import { createInferenceEngine } from '../src/main/lab/engines/engine-factory'
import { modelSpecFor } from '../src/main/lab/model/model-spec'
import { WorkbenchStore } from '../src/main/lab/store/workbench-store'

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, run: { type: 'string' }, samples: { type: 'string', default: '500' } } })
if (!values['data-dir'] || !values.run) throw new Error('usage: bench/likelihood.ts --data-dir DIR --run ID [--samples N]')

/** ELBO = mean over samples of E_q[log p(x|z)] − KL(q‖N(0, I)), E_q by `draws` decodes per sample. */
async function independentElbo(problem: LikelihoodProblem, draws: number): Promise<{ mean: number; standardError: number }> {
  const { count, dim, size, zMean, zLogVar } = problem
  const random = new SeededRandom(11)
  let total = 0
  let variance = 0
  for (let i = 0; i < count; i++) {
    let kl = 0
    for (let d = 0; d < dim; d++) kl += -0.5 * (1 + zLogVar[i * dim + d] - zMean[i * dim + d] ** 2 - Math.exp(zLogVar[i * dim + d]))
    const z = random.fillNormal(new Float32Array(draws * dim)).map((e, j) => zMean[i * dim + (j % dim)] + Math.exp(0.5 * zLogVar[i * dim + (j % dim)]) * e)
    const x = new Float32Array(draws * size)
    for (let r = 0; r < draws; r++) x.set(problem.x.subarray(i * size, (i + 1) * size), r * size)
    const recon = Array.from(perSampleErrors(x, await problem.decoder.decode(z, draws), draws, size, problem.likelihood).bce, (b) => -b * size)
    const mean = recon.reduce((s, v) => s + v, 0) / draws
    total += mean - kl
    variance += recon.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws - 1) / draws
  }
  return { mean: total / count, standardError: Math.sqrt(variance) / count }
}

async function main(): Promise<void> {
  const store = WorkbenchStore.open(databaseFile(values['data-dir']!))
  const run = store.runs.get(Number(values.run))
  const cloud = store.artifacts.latents(run.id)
  const weights = store.artifacts.finalWeights(run.id)
  if (!cloud || !weights) throw new Error(`run ${run.id} has no codes or weights`)
  const count = Math.min(cloud.count, Number(values.samples))
  const test = (await findDataset(run.config.dataset).load()).test
  const inputs = selectSequences(test, cloud.indices.subarray(0, count))
  const engine = await createInferenceEngine(run.config, modelSpecFor(run.config, test.steps, test.features), weights)
  const problem: LikelihoodProblem = {
    decoder: engine,
    x: inputs.data,
    zMean: cloud.zMean.subarray(0, count * cloud.dim),
    zLogVar: cloud.zLogVar.subarray(0, count * cloud.dim),
    count,
    dim: cloud.dim,
    size: sequenceSize(inputs),
    likelihood: run.config.likelihood,
  }
  console.log(`run ${run.id} "${run.name}", ${count} of its ${cloud.count} evaluation samples, ${engine.backend}`)
  const reference = await independentElbo(problem, 16)
  console.log(`independent ELBO (16 draws, analytic KL): ${reference.mean.toFixed(2)} ± ${reference.standardError.toFixed(2)} nats per sequence`)
  for (const k of [1, 10, 100, 1000]) {
    const started = performance.now()
    const e = await estimateLogLikelihood(problem, { k, seed: 20_160_501 })
    const seconds = (performance.now() - started) / 1000
    const rows = count * e.replicates * k
    const z = new SeededRandom(1).fillNormal(new Float32Array(Math.min(rows, 2048) * cloud.dim))
    const decodeStarted = performance.now()
    let decoded = 0
    while (decoded < Math.min(rows, 200_000)) decoded += (await engine.decode(z, z.length / cloud.dim)).length / problem.size
    const decodeRate = decoded / ((performance.now() - decodeStarted) / 1000)
    console.log(
      `K=${String(k).padEnd(5)} IWAE ${e.iwae.mean.toFixed(2)} ± ${e.iwae.standardError.toFixed(3)}  ELBO ${e.elbo.mean.toFixed(2)} ± ${e.elbo.standardError.toFixed(3)}` +
        `  (${(e.iwae.mean / problem.size).toFixed(4)} per value)  ${Math.round(rows / seconds)} rows/s; plain decode ${Math.round(decodeRate)} rows/s`,
    )
  }
  engine.dispose()
  store.close()
}

void main()

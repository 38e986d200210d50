import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { ModelSpec } from '../../../../../src/main/lab/model/model-spec'
import { selectBackend } from '../../../../../src/main/lab/engines/tfjs/backend-selection'
import { exportLayersModels, loadLayersModels } from '../../../../../src/main/lab/engines/tfjs/export-layers-model'
import { createTfjsEngine } from '../../../../../src/main/lab/engines/tfjs/tfjs-engine'
import { sizeOf, weightLayout } from '../../../../../src/main/lab/model/weight-layout'
import { randomUniform, randomWeights } from './random-fixtures'

let root: string

beforeAll(async () => {
  await selectBackend('wasm')
  root = await mkdtemp(join(tmpdir(), 'seqvae-export-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

test.each([
  { cell: 'gru', likelihood: 'bernoulli', bidirectional: false },
  { cell: 'lstm', likelihood: 'bernoulli', bidirectional: false },
  { cell: 'gru', likelihood: 'gaussian', bidirectional: true },
  { cell: 'lstm', likelihood: 'gaussian', bidirectional: false },
  { cell: 'lstm', likelihood: 'bernoulli', bidirectional: true },
] as const)('a $cell VAE ($likelihood, bidirectional $bidirectional) exported as Layers models loads back and computes what the engine computes', async (option) => {
  const spec: ModelSpec = { steps: 6, features: 5, hiddenUnits: 7, latentDim: 3, ...option }
  const dir = join(root, `${option.cell}-${option.likelihood}-${option.bidirectional}`)
  const weights = randomWeights(spec, 11)
  const engine = await createTfjsEngine({ spec, learningRate: 1e-3, weights, backend: 'wasm' })
  await exportLayersModels(dir, spec, await engine.getWeights())

  const parts = { encoder: ['encoder_rnn/', 'z_mean/', 'z_log_var/'], decoder: ['decoder_rnn/', 'output_dense/'] }
  for (const [part, prefixes] of Object.entries(parts)) {
    const modelJson = JSON.parse(await readFile(join(dir, part, 'model.json'), 'utf8'))
    expect(modelJson.format).toBe('layers-model')
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin'])
    const names = modelJson.weightsManifest[0].weights.map((w: { name: string }) => w.name)
    const expected = weightLayout(spec).filter((w) => prefixes.some((prefix) => w.name.startsWith(prefix)))
    expect(names).toEqual(expected.map((w) => w.name))
    expect((await stat(join(dir, part, 'weights.bin'))).size).toBe(4 * expected.reduce((total, w) => total + sizeOf(w.shape), 0))
  }

  const n = 4
  const x = randomUniform(n * spec.steps * spec.features, 12).map((v) => (v > 0 ? 1 : 0))
  const z = randomUniform(n * spec.latentDim, 13, 2)
  const { encoder, decoder } = await loadLayersModels(dir)
  const [zMean, zLogVar] = encoder.predict(tf.tensor3d(x, [n, spec.steps, spec.features])) as tf.Tensor[]
  const probabilities = decoder.predict(tf.tensor2d(z, [n, spec.latentDim])) as tf.Tensor
  const fromEngine = await engine.encode(x, n)
  expect(Array.from(await zMean.data())).toEqual(Array.from(fromEngine.zMean))
  expect(Array.from(await zLogVar.data())).toEqual(Array.from(fromEngine.zLogVar))
  expect(Array.from(await probabilities.data())).toEqual(Array.from(await engine.decode(z, n)))

  tf.dispose([zMean, zLogVar, probabilities])
  encoder.dispose()
  decoder.dispose()
  engine.dispose()
})

test('a model.json naming a weights file outside its directory is refused', async () => {
  const spec: ModelSpec = { cell: 'gru', steps: 3, features: 2, hiddenUnits: 2, latentDim: 1, likelihood: 'bernoulli', bidirectional: false }
  const dir = join(root, 'escape')
  await exportLayersModels(dir, spec, randomWeights(spec, 14))
  const path = join(dir, 'encoder', 'model.json')
  const modelJson = JSON.parse(await readFile(path, 'utf8'))
  modelJson.weightsManifest[0].paths = ['../../../secret.bin']
  await writeFile(path, JSON.stringify(modelJson))
  await expect(loadLayersModels(dir)).rejects.toThrow(/outside/)
})

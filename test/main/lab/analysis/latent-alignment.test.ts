import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunId } from '../../../../src/shared/api'
import { EvaluationSetCache } from '../../../../src/main/lab/analysis/evaluation-set-cache'
import { RunDecoder } from '../../../../src/main/lab/analysis/run-decoder'
import { RunInspector } from '../../../../src/main/lab/analysis/run-inspector'
import { findDataset } from '../../../../src/main/lab/data/dataset-registry'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { storeFinishedRun } from './inspected-runs'
import { userError } from '../../../helpers/user-error'

let dir: string
let store: WorkbenchStore
let decoder: RunDecoder
let inspector: RunInspector
let seedA: RunId
let seedB: RunId
let rotated: RunId
let wider: RunId
/** The rotation (a reflection among them) applied to run A's codes to make `rotated`'s, row-major 3 × 3. */
let q: number[]

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])))

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-alignment-'))
  store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  const sets = new EvaluationSetCache((name) => findDataset(name))
  decoder = new RunDecoder(store)
  inspector = new RunInspector(store, decoder, sets)
  // Two seeds of the reference config (only fewer samples and steps).
  seedA = await storeFinishedRun(store, sets, { evalLimit: 300, seed: 1 })
  seedB = await storeFinishedRun(store, sets, { evalLimit: 300, seed: 2 })
  wider = await storeFinishedRun(store, sets, { latentDim: 5, evalLimit: 100 })

  // Run A's codes, rotated and shifted, stored as another run's (with run A's weights, so it decodes).
  const a = store.artifacts.latents(seedA)!
  const rng = new SeededRandom(3)
  const angle = 2 * Math.PI * rng.next()
  const [c, s] = [Math.cos(angle), Math.sin(angle)]
  q = [c, -s, 0, s, c, 0, 0, 0, -1] // a rotation about z3 composed with a reflection of z3
  const zMean = new Float32Array(a.zMean.length)
  for (let i = 0; i < a.count; i++) {
    for (let col = 0; col < 3; col++) {
      let v = 0
      for (let k = 0; k < 3; k++) v += a.zMean[i * 3 + k] * q[col * 3 + k] // row·Qᵀ: its fit back onto A is Q
      zMean[i * 3 + col] = v + 0.5
    }
  }
  const copy = store.runs.create(DEFAULT_RUN_CONFIG, 'rotated copy of A')
  store.artifacts.saveLatents({ ...a, runId: copy.id, zMean })
  store.artifacts.saveFinalWeights(copy.id, store.artifacts.finalWeights(seedA)!)
  store.runs.setStatus(copy.id, 'finished')
  rotated = copy.id
})

afterAll(() => {
  decoder.dispose()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('aligning one run’s latent space to another’s', () => {
  it('recovers a known rotation (with a reflection and a shift) applied to a run’s codes to 1e-6, and then draws the same picture', async () => {
    const aligned = await inspector.getLatentProjection(rotated, { alignTo: seedA })
    expect(aligned.alignment).toMatchObject({ toRunId: seedA, samples: 300 })
    expect(maxAbsDifference(aligned.alignment!.rotation, q)).toBeLessThan(1e-6)
    expect(aligned.alignment!.relativeResidual).toBeLessThan(1e-6)
    const own = await inspector.getLatentProjection(seedA)
    expect(maxAbsDifference(aligned.coords, own.coords)).toBeLessThan(1e-5)
    // The copy's prior mean (its origin) lies at −0.5 shifted back through the fit.
    expect(aligned.shells.center.map((v) => Math.abs(v) > 0.1)).toContain(true)
  })

  it('reduces the residual between two seeds of one config, and reports it', async () => {
    const { alignment } = await inspector.getLatentProjection(seedB, { alignTo: seedA })
    expect(alignment!.samples).toBe(300)
    expect(alignment!.rmsAfter).toBeLessThan(alignment!.rmsBefore)
    expect(alignment!.relativeResidual).toBeGreaterThan(0)
    console.info(`seed 2 onto seed 1: rms ${alignment!.rmsBefore.toFixed(4)} → ${alignment!.rmsAfter.toFixed(4)} (relative residual ${alignment!.relativeResidual.toFixed(4)})`)
  })

  it('sweeps the other run’s axes in a traversal, decoding each point where the fit maps it in this run’s space', async () => {
    const query = { dims: [0, 2], from: -2, to: 2, steps: 5, base: { index: 4 } }
    const aligned = await inspector.traverse(seedA, { ...query, alignTo: rotated })
    const copy = await inspector.traverse(rotated, query)
    expect(aligned.alignment?.toRunId).toBe(rotated)
    expect(copy.alignment).toBeNull()
    // Run A's code of sample 4, in the copy's axes, is the copy's code of it.
    expect(maxAbsDifference(aligned.base, copy.base)).toBeLessThan(1e-5)
    // A point p in the copy's axes is (p − 0.5)·Q in run A's.
    const z: number[] = []
    for (const d of query.dims) {
      for (const v of aligned.values) {
        const p = Array.from(aligned.base, (b, k) => (k === d ? v : b) - 0.5)
        for (let k = 0; k < 3; k++) z.push(p[0] * q[k] + p[1] * q[3 + k] + p[2] * q[6 + k])
      }
    }
    const expected = await inspector.decode(seedA, Float32Array.from(z), z.length / 3)
    expect(maxAbsDifference(aligned.decoded.data, expected.data)).toBeLessThan(1e-4)
  })

  it('refuses runs whose codes cannot be matched, with a sentence', async () => {
    expect(await userError(inspector.getLatentProjection(wider, { alignTo: seedA }))).toMatch(/has 5 latent dimensions and run \d+ has 3; only latent spaces of one size can be aligned/)
    expect(await userError(inspector.getLatentProjection(seedA, { alignTo: 9999 }), 'not-found')).toMatch(/9999/)
  })
})

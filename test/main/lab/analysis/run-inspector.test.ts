import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LatentCloud, RunId, SequenceBatch } from '../../../../src/shared/api'
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/run-config'
import { EvaluationSetCache } from '../../../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../../../src/main/lab/data/dataset-registry'
import { principalComponents } from '../../../../src/main/lab/analysis/latent-projection'
import { chiSquareQuantile } from '../../../../src/main/lab/analysis/prior-geometry'
import { perSampleErrors } from '../../../../src/main/lab/analysis/reconstruction-error'
import { RunDecoder } from '../../../../src/main/lab/analysis/run-decoder'
import { RunInspector } from '../../../../src/main/lab/analysis/run-inspector'
import type { SequenceSet } from '../../../../src/main/lab/data/sequence-set'
import { WorkbenchStore } from '../../../../src/main/lab/store/workbench-store'
import { storeFinishedRun } from './inspected-runs'
import { userError } from '../../../helpers/user-error'

const SIZE = 28 * 28

let dir: string
let store: WorkbenchStore
let decoder: RunDecoder
let inspector: RunInspector
let test: SequenceSet
let run3: RunId
let run5: RunId
let cloud3: LatentCloud

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-inspector-'))
  store = WorkbenchStore.open(path.join(dir, 'workbench.sqlite'))
  const sets = new EvaluationSetCache((name) => findDataset(name))
  decoder = new RunDecoder(store)
  inspector = new RunInspector(store, decoder, sets)
  test = await sets.testSet('mnist')
  run3 = await storeFinishedRun(store, sets, { latentDim: 3, evalLimit: 300 })
  run5 = await storeFinishedRun(store, sets, { latentDim: 5, evalLimit: 200, seed: 5 })
  cloud3 = store.artifacts.latents(run3)!
})

afterAll(() => {
  decoder.dispose()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

const testRow = (index: number) => test.data.subarray(index * SIZE, (index + 1) * SIZE)
const row = (batch: SequenceBatch, i: number) => batch.data.subarray(i * SIZE, (i + 1) * SIZE)

describe('getReconstructions', () => {
  it('the worst N are the N largest stored errors (brute-force sort), with inputs, decodes and error maps that agree', async () => {
    const page = await inspector.getReconstructions(run3, { order: 'worst', metric: 'bce', limit: 12 })
    const expected = Array.from(cloud3.reconBce, (e, i) => ({ e, i }))
      .sort((a, b) => b.e - a.e || a.i - b.i)
      .slice(0, 12)
    expect(page.items.map((it) => it.index)).toEqual(expected.map(({ i }) => cloud3.indices[i]))
    expect(page.items.map((it) => it.error)).toEqual(expected.map(({ e }) => e))
    expect(page.items.map((it) => it.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect([page.total, page.evaluated, page.inputs.count, page.reconstructions.count, page.errorMaps.count]).toEqual([300, 300, 12, 12, 12])

    const recomputed = perSampleErrors(page.inputs.data, page.reconstructions.data, 12, SIZE)
    page.items.forEach((item, i) => {
      expect(Array.from(row(page.inputs, i))).toEqual(Array.from(testRow(item.index)))
      expect(item.label).toBe(test.labels![item.index])
      // Decoding the stored z_mean again reproduces the reconstruction whose error was stored.
      expect(recomputed.bce[i]).toBeCloseTo(item.error, 5)
      const map = row(page.errorMaps, i)
      expect(map.reduce((s, v) => s + v, 0) / SIZE).toBeCloseTo(item.error, 5)
    })
  })

  it('the best N by MSE are the N smallest, and the histogram covers every sample with each tile in its bin', async () => {
    const page = await inspector.getReconstructions(run3, { order: 'best', metric: 'mse', limit: 5, bins: 20 })
    const smallest = [...cloud3.reconMse].sort((a, b) => a - b).slice(0, 5)
    expect(page.items.map((it) => it.error)).toEqual(smallest)
    const { edges, counts, matchingCounts } = page.histogram
    expect(counts.length).toBe(20)
    expect(edges.length).toBe(21)
    expect(counts.reduce((s, c) => s + c, 0)).toBe(300)
    expect(matchingCounts).toEqual(counts)
    for (const item of page.items) {
      expect(item.error).toBeGreaterThanOrEqual(edges[item.bin])
      expect(item.error).toBeLessThanOrEqual(edges[item.bin + 1])
    }
    const recomputed = perSampleErrors(page.inputs.data, page.reconstructions.data, 5, SIZE)
    page.items.forEach((item, i) => expect(recomputed.mse[i]).toBeCloseTo(item.error, 6))
  })

  it('filters by label and pages through one consistent ranking', async () => {
    const fours = Array.from(cloud3.labels).filter((l) => l === 4).length
    const first = await inspector.getReconstructions(run3, { label: 4, limit: 10 })
    const second = await inspector.getReconstructions(run3, { label: 4, offset: 10, limit: 10 })
    const both = await inspector.getReconstructions(run3, { label: 4, limit: 20 })
    expect(first.total).toBe(fours)
    expect([...first.items, ...second.items].every((it) => it.label === 4)).toBe(true)
    expect([...first.items, ...second.items]).toEqual(both.items)
    expect(second.items[0].rank).toBe(11)
    const errors = both.items.map((it) => it.error)
    expect(errors).toEqual([...errors].sort((a, b) => b - a))
    expect(first.histogram.matchingCounts.reduce((s, c) => s + c, 0)).toBe(fours)
    expect(first.histogram.counts.reduce((s, c) => s + c, 0)).toBe(300)
  })

  it('answers an offset past the end with an empty page', async () => {
    const page = await inspector.getReconstructions(run3, { offset: 400 })
    expect(page.items).toEqual([])
    expect([page.total, page.inputs.count, page.inputs.steps, page.reconstructions.data.length]).toEqual([300, 0, 28, 0])
  })

  it('rejects bad queries, unknown runs and runs without codes with one clear sentence', async () => {
    expect(await userError(inspector.getReconstructions(run3, { limit: 500 }))).toBe('limit must be an integer between 1 and 200')
    expect(await userError(inspector.getReconstructions(run3, { limit: 2.5 }))).toBe('limit must be an integer between 1 and 200')
    expect(await userError(inspector.getReconstructions(run3, { order: 'middling' as 'best' }))).toBe('order must be one of: best, worst')
    expect(await userError(inspector.getReconstructions(run3, { metric: 'l1' as 'bce', offset: -1 }))).toBe(
      'metric must be one of: bce, mse; offset must be an integer between 0 and 10000000',
    )
    expect(await userError(inspector.getReconstructions(run3, { colour: 'red' } as object))).toBe('unknown field: colour')
    expect(await userError(inspector.getReconstructions(9999), 'not-found')).toBe('run 9999 does not exist')
    const queued = store.runs.create(DEFAULT_RUN_CONFIG, 'waiting')
    expect(await userError(inspector.getReconstructions(queued.id), 'not-found')).toBe(`run ${queued.id} has no encoded samples yet (it is queued)`)
    expect(await userError(inspector.getLatentProjection(queued.id), 'not-found')).toBe(`run ${queued.id} has no encoded samples yet (it is queued)`)
  })
})

describe('getSampleAcrossRuns', () => {
  it("gives the input and each run's code and reconstruction, and says which runs did not encode it", async () => {
    const page = await inspector.getReconstructions(run3, { limit: 1 })
    const index = page.items[0].index
    const result = await inspector.getSampleAcrossRuns([run3, run5], index)
    expect(result.label).toBe(test.labels![index])
    expect(Array.from(result.input.data)).toEqual(Array.from(testRow(index)))
    const [a, b] = result.runs
    if (!a.evaluated) throw new Error(a.reason)
    const p = cloud3.indices.indexOf(index)
    expect(Array.from(a.zMean)).toEqual(Array.from(cloud3.zMean.subarray(p * 3, p * 3 + 3)))
    expect(a.bce).toBe(cloud3.reconBce[p])
    expect(Array.from(a.reconstruction.data)).toEqual(Array.from(row(page.reconstructions, 0)))
    expect(b.runId).toBe(run5)
    if (index < 200) expect(b.evaluated).toBe(true)

    const beyond = await inspector.getSampleAcrossRuns([run3, run5], 250)
    expect(beyond.runs[0].evaluated).toBe(true)
    expect(beyond.runs[1]).toEqual({ runId: run5, evaluated: false, reason: `sample 250 is not among the 200 test samples run ${run5} encoded` })
  })

  it('rejects repeated runs and indices outside the test set', async () => {
    expect(await userError(inspector.getSampleAcrossRuns([run3, run3], 0))).toBe('runIds must not name a run twice')
    expect(await userError(inspector.getSampleAcrossRuns([run3], 10_000), 'not-found')).toBe(
      'sample 10000 is not in the mnist test set (indices 0 to 9999)',
    )
  })
})

describe('generation', () => {
  it('decodes seeded prior samples and places each relative to the prior and to the nearest code', async () => {
    const a = await inspector.samplePrior(run3, { count: 16, seed: 11 })
    const again = await inspector.samplePrior(run3, { count: 16, seed: 11 })
    const other = await inspector.samplePrior(run3, { count: 16, seed: 12 })
    expect(again.z).toEqual(a.z)
    expect(other.z).not.toEqual(a.z)
    expect([a.count, a.dim, a.decoded.count, a.decoded.data.length]).toEqual([16, 3, 16, 16 * SIZE])
    for (let i = 0; i < 16; i++) {
      const z = a.z.subarray(i * 3, i * 3 + 3)
      const sq = z[0] ** 2 + z[1] ** 2 + z[2] ** 2
      expect(a.norm[i]).toBeCloseTo(Math.sqrt(sq), 5)
      expect(a.logDensity[i]).toBeCloseTo(-1.5 * Math.log(2 * Math.PI) - sq / 2, 4)
      const p = cloud3.indices.indexOf(a.nearestIndex[i])
      const code = cloud3.zMean.subarray(p * 3, p * 3 + 3)
      const d = Math.hypot(z[0] - code[0], z[1] - code[1], z[2] - code[2])
      expect(a.nearestDistance[i]).toBeCloseTo(d, 5)
      let closest = Infinity
      for (let j = 0; j < cloud3.count; j++) {
        const c = cloud3.zMean.subarray(j * 3, j * 3 + 3)
        closest = Math.min(closest, Math.hypot(z[0] - c[0], z[1] - c[1], z[2] - c[2]))
      }
      expect(d).toBeCloseTo(closest, 5)
    }
    expect(a.decoded.data.every((v) => v >= 0 && v <= 1)).toBe(true)
  })

  it('probes radii along random and given directions, one row of radii per direction', async () => {
    const radii = [1, 2, 4, 8]
    const probes = await inspector.probeRadii(run3, { radii, directions: 3, seed: 1 })
    expect([probes.count, probes.directionCount, probes.decoded.count]).toEqual([12, 3, 12])
    probes.norm.forEach((n, k) => expect(n).toBeCloseTo(radii[k % 4], 5))
    // Far outside the prior: the 8-radius points are beyond its 99.99 % shell.
    expect(probes.normQuantile[3]).toBeGreaterThan(0.9999)
    expect(probes.logDensity[3]).toBeLessThan(probes.logDensity[0])

    const given = await inspector.probeRadii(run3, { radii: [3], directions: [[0, 0, -2]] })
    expect(Array.from(given.z)).toEqual([0, 0, -3])
    expect(await userError(inspector.probeRadii(run3, { radii: [1], directions: [[1, 0]] }))).toBe(
      `each direction must have 3 coordinates, one per latent dimension of run ${run3}`,
    )
    expect(await userError(inspector.probeRadii(run3, { radii: [1], directions: [[0, 0, 0]] }))).toBe('each direction must be a non-zero vector')
    expect(await userError(inspector.probeRadii(run3, { radii: Array(40).fill(1), directions: 30 }))).toBe(
      '40 radii × 30 directions make 1200 points; at most 1000 can be decoded at once',
    )
    expect(await userError(inspector.probeRadii(run3, { radii: [1], directions: 0 }))).toBe('directions must be an integer between 1 and 64')
    expect(await userError(inspector.probeRadii(run3, { radii: [1], directions: 'many' as unknown as number }))).toBe(
      'directions must be a number of random directions (1 to 64) or a list of 1 to 64 direction vectors',
    )
    expect(await userError(inspector.probeRadii(run3, { radii: [-1], directions: 1 }))).toBe('radii must be numbers from 0 to 1000')
  })

  it('traverses each dimension from −3 to 3 around the origin, the codes’ mean or a sample’s code', async () => {
    const all = await inspector.traverse(run3, { steps: 7 })
    expect(all.dims).toEqual([0, 1, 2])
    expect(Array.from(all.values)).toEqual([-3, -2, -1, 0, 1, 2, 3])
    expect(all.count).toBe(21)
    // Row 1 sweeps z2: point 7 + 6 is (0, 3, 0).
    expect(Array.from(all.z.subarray(13 * 3, 14 * 3))).toEqual([0, 3, 0])

    const fromSample = await inspector.traverse(run3, { dims: [2], steps: 3, base: { index: 5 } })
    const code = cloud3.zMean.subarray(5 * 3, 6 * 3)
    expect(Array.from(fromSample.base)).toEqual(Array.from(code))
    expect(Array.from(fromSample.z.subarray(0, 3))).toEqual([code[0], code[1], -3])

    const mean = await inspector.traverse(run3, { dims: [0], steps: 2, base: 'mean' })
    const expectedMean = [0, 1, 2].map((d) => Array.from({ length: 300 }, (_, i) => cloud3.zMean[i * 3 + d]).reduce((s, v) => s + v, 0) / 300)
    Array.from(mean.base).forEach((v, d) => expect(v).toBeCloseTo(expectedMean[d], 5))

    expect(await userError(inspector.traverse(run3, { dims: [3] }))).toBe('dims must be latent dimensions between 0 and 2: run ' + run3 + ' has 3 (got 3)')
    expect(await userError(inspector.traverse(run3, { dims: [0, 0] }))).toBe('dims must not name a dimension twice')
    expect(await userError(inspector.traverse(run3, { base: [1, 2] }))).toBe(`base must have 3 coordinates, one per latent dimension of run ${run3}`)
    expect(await userError(inspector.traverse(run3, { base: 'middle' as 'mean' }))).toBe(
      "base must be 'origin', 'mean', a list of coordinates or { index } of a test sample",
    )
  })

  it("interpolates between two samples' stored codes, starting and ending at their reconstructions", async () => {
    const result = await inspector.interpolate(run3, { fromIndex: 0, toIndex: 1, steps: 5 })
    expect(Array.from(result.t)).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(Array.from(result.z.subarray(0, 3))).toEqual(Array.from(cloud3.zMean.subarray(0, 3)))
    expect(Array.from(result.z.subarray(12, 15))).toEqual(Array.from(cloud3.zMean.subarray(3, 6)))
    expect(result.nearestIndex[0]).toBe(0)
    expect(result.nearestDistance[0]).toBe(0)
    expect(Array.from(result.endpoints.data.subarray(0, SIZE))).toEqual(Array.from(testRow(0)))
    const across = await inspector.getSampleAcrossRuns([run3], 1)
    if (!across.runs[0].evaluated) throw new Error('sample 1 should be encoded')
    expect(Array.from(result.decoded.data.subarray(4 * SIZE))).toEqual(Array.from(across.runs[0].reconstruction.data))

    expect(await userError(inspector.interpolate(run3, { fromIndex: 0, toIndex: 400 }), 'not-found')).toBe(
      `sample 400 is not among the 300 test samples run ${run3} encoded`,
    )
  })
})

describe('decodePoints', () => {
  it('decodes a clicked point: on a stored code it is that sample, at distance 0, decoding to its reconstruction', async () => {
    const z = cloud3.zMean.slice(7 * 3, 8 * 3)
    const point = await inspector.decodePoints(run3, z, 1)
    expect([point.nearestIndex[0], point.nearestDistance[0]]).toEqual([7, 0])
    const across = await inspector.getSampleAcrossRuns([run3], 7)
    if (!across.runs[0].evaluated) throw new Error('sample 7 should be encoded')
    expect(point.decoded.data).toEqual(across.runs[0].reconstruction.data)
    expect(await userError(inspector.decodePoints(run3, new Float32Array(4), 1))).toBe(
      `z must hold 3 coordinates per point for run ${run3}: 3 values for count 1, not 4`,
    )
    expect(await userError(inspector.decodePoints(run3, Float32Array.of(0, NaN, 0), 1))).toBe('z must hold finite coordinates')
  })

  it('decodes for a run with weights but no codes yet, leaving the nearest code unknown', async () => {
    const pending = store.runs.create(DEFAULT_RUN_CONFIG, 'weights only')
    store.artifacts.saveFinalWeights(pending.id, store.artifacts.finalWeights(run3)!)
    const samples = await inspector.samplePrior(pending.id, { count: 2 })
    expect(Array.from(samples.nearestIndex)).toEqual([-1, -1])
    expect(Array.from(samples.nearestDistance).every(Number.isNaN)).toBe(true)
    expect(samples.decoded.count).toBe(2)
    expect(await userError(inspector.traverse(pending.id, { base: 'mean' }), 'not-found')).toBe(
      `run ${pending.id} has no encoded samples yet (it is queued)`,
    )
  })
})

describe('getLatentProjection', () => {
  it('gives a 3-D run its raw codes with the χ²(3) shells around the origin', async () => {
    const view = await inspector.getLatentProjection(run3)
    expect([view.method, view.dims, view.count]).toEqual(['raw', 3, 300])
    expect(view.axes).toEqual(['z1', 'z2', 'z3'])
    expect(view.coords).toEqual(cloud3.zMean)
    expect(view.labels).toEqual(cloud3.labels)
    expect(view.shells.radii.map((r) => r * r).map((x, i) => x - chiSquareQuantile(view.shells.quantiles[i], 3))).toEqual(
      [0, 0, 0].map(() => expect.closeTo(0, 10)),
    )
    expect(view.shells.center).toEqual([0, 0, 0])
  })

  it('projects a 5-D run onto its first three principal components, and shows chosen dimensions raw', async () => {
    const cloud5 = store.artifacts.latents(run5)!
    const view = await inspector.getLatentProjection(run5)
    expect([view.method, view.dims, view.latentDim]).toEqual(['pca', 3, 5])
    expect(view.axes).toEqual(['PC1', 'PC2', 'PC3'])
    expect(view.pca).toEqual(principalComponents(cloud5.zMean, 200, 5, 3))
    const ratios = view.pca!.explainedVarianceRatio
    expect(ratios[0]).toBeGreaterThanOrEqual(ratios[1])
    // The projected codes have the components' variances, and the prior's mean lands at −mean·Cᵀ.
    for (let c = 0; c < 3; c++) {
      const column = Array.from({ length: 200 }, (_, i) => view.coords[i * 3 + c])
      const m = column.reduce((s, v) => s + v, 0) / 200
      expect(m).toBeCloseTo(0, 4)
      expect(column.reduce((s, v) => s + (v - m) ** 2, 0) / 199).toBeCloseTo(view.pca!.explainedVariance[c], 4)
      expect(view.shells.center[c]).toBeCloseTo(-view.pca!.components[c].reduce((s, v, j) => s + v * view.pca!.mean[j], 0), 12)
    }

    const picked = await inspector.getLatentProjection(run5, { dims: [4, 1] })
    expect([picked.method, picked.dims, picked.axes, picked.sourceDims]).toEqual(['raw', 2, ['z5', 'z2'], [4, 1]])
    expect([picked.coords[0], picked.coords[1]]).toEqual([cloud5.zMean[4], cloud5.zMean[1]])
    expect(picked.shells.degreesOfFreedom).toBe(2)
    expect(picked.shells.radii[0]).toBeCloseTo(Math.sqrt(2 * Math.log(2)), 12)

    expect(await userError(inspector.getLatentProjection(run5, { dims: [0, 1, 2, 3] }))).toBe('dims must name 1 to 3 latent dimensions')
    expect(await userError(inspector.getLatentProjection(run5, { dims: [5] }))).toBe(
      `dims must be latent dimensions between 0 and 4: run ${run5} has 5 (got 5)`,
    )
  })
})

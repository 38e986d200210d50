import type { z } from 'zod'
import type { LatentCloud, RunId, SequenceBatch } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import {
  InterpolationQuerySchema,
  LatentProjectionQuerySchema,
  MAX_DECODED_POINTS,
  PriorSampleQuerySchema,
  ProbeQuerySchema,
  ReconQuerySchema,
  SampleAcrossRunsSchema,
  TraversalQuerySchema,
  type DecodedPoints,
  type InterpolationQueryInput,
  type InterpolationResult,
  type LatentProjection,
  type LatentProjectionQueryInput,
  type PriorSampleQueryInput,
  type ProbeQueryInput,
  type ProbeResult,
  type ReconPage,
  type ReconQueryInput,
  type SampleAcrossRuns,
  type SampleInRun,
  type TraversalQueryInput,
  type TraversalResult,
} from '../../../shared/run-views'
import { findKnownDataset } from '../data/import/imported-dataset-source'
import type { StoredRun } from '../store/run-repository'
import type { WorkbenchStore } from '../store/workbench-store'
import { SeededRandom } from '../common/seeded-random'
import type { EvaluationSetCache } from './evaluation-set-cache'
import { evenlySpaced, interpolationPoints, traversalPoints } from './latent-paths'
import { alignedCodes } from './latent-alignment'
import { MAX_RAW_PROJECTION_DIMS, projectLatents } from './latent-view-projection'
import { nearestCodes } from './nearest-code'
import { normaliseDirections, pointsAtRadii, priorPlacement, randomDirections } from './prior-geometry'
import { alignRows, unalignRows } from './procrustes'
import { histogramCounts, histogramEdges, binOf, rankByError } from './reconstruction-ranking'
import { perSampleErrors } from './reconstruction-error'
import { OriginalUnits } from './original-units'
import type { RunDecoder } from './run-decoder'
import { storedLatents } from './stored-latents'
import { parseQuery } from './view-query'

export { storedLatents }

/** Position of test sample `index` in a run's evaluation set, or −1. */
function positionOf(cloud: LatentCloud, index: number): number {
  return cloud.indices.indexOf(index)
}

function notEvaluated(cloud: LatentCloud, index: number): string {
  return `sample ${index} is not among the ${cloud.count} test samples run ${cloud.runId} encoded`
}

/** The z_mean rows at `positions`, row-major. */
function codesAt(cloud: LatentCloud, positions: ArrayLike<number>): Float32Array {
  const out = new Float32Array(positions.length * cloud.dim)
  for (let i = 0; i < positions.length; i++) out.set(cloud.zMean.subarray(positions[i] * cloud.dim, (positions[i] + 1) * cloud.dim), i * cloud.dim)
  return out
}

function checkDims(dims: readonly number[], run: StoredRun, name: string): void {
  const dim = run.config.latentDim
  const outside = dims.find((d) => d >= dim)
  if (outside !== undefined) {
    throw new UserError(`${name} must be latent dimensions between 0 and ${dim - 1}: run ${run.id} has ${dim} (got ${outside})`)
  }
}

function checkPointCount(count: number, what: string): void {
  if (count > MAX_DECODED_POINTS) throw new UserError(`${what} make ${count} points; at most ${MAX_DECODED_POINTS} can be decoded at once`)
}

/**
 * What the views inside a run ask the Lab for: reconstructions ranked by their stored errors, one
 * sample across runs, decodes of chosen latent points, and the codes projected for the 3-D view.
 * Every method validates its query (defaults filled in) and answers with typed arrays; sequences
 * in the dataset's original units, errors in the model's (see OriginalUnits).
 */
export class RunInspector {
  private readonly units: OriginalUnits

  constructor(
    private readonly store: WorkbenchStore,
    private readonly decoder: RunDecoder,
    private readonly evaluationSets: EvaluationSetCache,
  ) {
    this.units = new OriginalUnits(store.datasets)
  }

  /** Decodes latent points with the run's weights, in the dataset's original units. */
  async decode(runId: RunId, z: Float32Array, count: number): Promise<SequenceBatch> {
    const decoded = await this.decoder.decode(runId, z, count)
    return this.units.batch(this.store.runs.get(runId).config.dataset, decoded)
  }

  async getReconstructions(runId: RunId, query?: ReconQueryInput): Promise<ReconPage> {
    const q = parseQuery(ReconQuerySchema, query)
    const { run, cloud } = storedLatents(this.store, runId)
    const gaussian = run.config.likelihood === 'gaussian'
    if (gaussian && q.metric === 'bce') {
      throw new UserError(`run ${runId} has a Gaussian likelihood, so its reconstructions have no BCE; rank them by mse`)
    }
    const metric = q.metric ?? (gaussian ? 'mse' : 'bce')
    const label = q.label ?? null
    if (label !== null && !cloud.labels.some((l) => l >= 0)) throw new UserError(`run ${runId}'s dataset has no labels to filter by`)
    const errors = metric === 'bce' ? cloud.reconBce : cloud.reconMse
    const ranked = rankByError(errors, q.order, label === null ? undefined : (i) => cloud.labels[i] === label)
    const page = ranked.subarray(q.offset, q.offset + q.limit)
    const edges = histogramEdges(errors, q.bins)
    const counts = histogramCounts(errors, edges)
    const indices = Int32Array.from(page, (p) => cloud.indices[p])
    const [inputs, reconstructions] = await Promise.all([
      this.evaluationSets.inputs(run.config.dataset, indices),
      this.decodeOrEmpty(run, codesAt(cloud, page)),
    ])
    // Every element as a one-value sample, in model units: per-element BCE and squared error,
    // clipped exactly as the stored errors were.
    const elements = perSampleErrors(inputs.data, reconstructions.data, inputs.data.length, 1, run.config.likelihood)
    const dataset = run.config.dataset
    return {
      runId,
      order: q.order,
      metric,
      label,
      total: ranked.length,
      evaluated: cloud.count,
      offset: q.offset,
      items: Array.from(page, (p, i) => ({
        rank: q.offset + i + 1,
        index: cloud.indices[p],
        label: cloud.labels[p],
        error: errors[p],
        bin: binOf(edges, errors[p]),
      })),
      inputs: this.units.batch(dataset, inputs),
      reconstructions: this.units.batch(dataset, reconstructions),
      errorMaps: { ...inputs, data: metric === 'bce' ? elements.bce : elements.mse },
      histogram: {
        metric,
        edges: Float32Array.from(edges),
        counts,
        matchingCounts: label === null ? counts.slice() : histogramCounts(errors, edges, ranked),
      },
    }
  }

  /** Test sample `index`'s input and, for each run that encoded it, its code and reconstruction. */
  async getSampleAcrossRuns(runIds: RunId[], index: number): Promise<SampleAcrossRuns> {
    const q = parseQuery(SampleAcrossRunsSchema, { runIds, index })
    const runs = q.runIds.map((id) => this.store.runs.get(id))
    const dataset = runs[0].config.dataset
    const other = runs.find((r) => r.config.dataset !== dataset)
    if (other) {
      throw new UserError(
        `runs ${runs[0].id} and ${other.id} were trained on different datasets (${dataset}, ${other.config.dataset}); compare runs of one dataset`,
      )
    }
    const input = await this.evaluationSets.inputs(dataset, [q.index])
    const test = await this.evaluationSets.testSet(dataset)
    const inRuns = await Promise.all(runs.map((run) => this.sampleInRun(run, q.index)))
    return { index: q.index, label: test.labels?.[q.index] ?? -1, input: this.units.batch(dataset, input), runs: inRuns }
  }

  private async sampleInRun(run: StoredRun, index: number): Promise<SampleInRun> {
    const cloud = this.store.artifacts.latents(run.id)
    if (!cloud) return { runId: run.id, evaluated: false, reason: `run ${run.id} has no encoded samples yet (it is ${run.status})` }
    const p = positionOf(cloud, index)
    if (p < 0) return { runId: run.id, evaluated: false, reason: notEvaluated(cloud, index) }
    const zMean = codesAt(cloud, [p])
    return {
      runId: run.id,
      evaluated: true,
      zMean,
      zLogVar: cloud.zLogVar.slice(p * cloud.dim, (p + 1) * cloud.dim),
      bce: cloud.reconBce[p],
      mse: cloud.reconMse[p],
      reconstruction: this.units.batch(run.config.dataset, await this.decoder.decode(run.id, zMean, 1)),
    }
  }

  /** Decodes chosen points (a click in the latent view, typed coordinates) and places them like generated ones. */
  async decodePoints(runId: RunId, z: Float32Array, count: number): Promise<DecodedPoints> {
    const run = this.store.runs.get(runId)
    const dim = run.config.latentDim
    if (!(z instanceof Float32Array) || !Number.isInteger(count) || count < 1 || z.length !== count * dim) {
      throw new UserError(`z must hold ${dim} coordinates per point for run ${runId}: ${count * dim} values for count ${count}, not ${z.length}`)
    }
    if (count > MAX_DECODED_POINTS) throw new UserError(`z holds ${count} points; at most ${MAX_DECODED_POINTS} can be decoded at once`)
    if (!z.every(Number.isFinite)) throw new UserError('z must hold finite coordinates')
    return this.placeAndDecode(run, z)
  }

  /** Decodes of z ~ N(0, I), seeded so a grid can be shown again; a new seed re-rolls it. */
  async samplePrior(runId: RunId, query?: PriorSampleQueryInput): Promise<DecodedPoints> {
    const q = parseQuery(PriorSampleQuerySchema, query)
    const run = this.store.runs.get(runId)
    const z = new SeededRandom(q.seed).fillNormal(new Float32Array(q.count * run.config.latentDim))
    return this.placeAndDecode(run, z)
  }

  /** Decodes of points at chosen radii along random or given directions, in and far outside the prior. */
  async probeRadii(runId: RunId, query: ProbeQueryInput): Promise<ProbeResult> {
    const q = parseQuery(ProbeQuerySchema, query)
    const run = this.store.runs.get(runId)
    const dim = run.config.latentDim
    let directions: Float32Array
    if (typeof q.directions === 'number') {
      directions = randomDirections(q.directions, dim, q.seed)
    } else {
      if (q.directions.some((d) => d.length !== dim)) {
        throw new UserError(`each direction must have ${dim} coordinates, one per latent dimension of run ${runId}`)
      }
      const unit = normaliseDirections(q.directions, dim)
      if (!unit) throw new UserError('each direction must be a non-zero vector')
      directions = unit
    }
    const directionCount = directions.length / dim
    checkPointCount(directionCount * q.radii.length, `${q.radii.length} radii × ${directionCount} directions`)
    const points = await this.placeAndDecode(run, pointsAtRadii(directions, dim, q.radii))
    return { ...points, radii: q.radii, directions, directionCount }
  }

  /**
   * Each chosen dimension swept over [from, to] while the others stay at the base point's; aligned,
   * the axes swept are another run's, mapped back into this run's latent space to be decoded.
   */
  async traverse(runId: RunId, query?: TraversalQueryInput): Promise<TraversalResult> {
    const q = parseQuery(TraversalQuerySchema, query)
    const run = this.store.runs.get(runId)
    const dim = run.config.latentDim
    const dims = q.dims ?? Array.from({ length: dim }, (_, d) => d)
    checkDims(dims, run, 'dims')
    checkPointCount(dims.length * q.steps, `${dims.length} dimensions × ${q.steps} steps`)
    const values = evenlySpaced(q.from, q.to, q.steps)
    const own = this.basePoint(run, q.base)
    if (q.alignTo === undefined) {
      const points = await this.placeAndDecode(run, traversalPoints(own, dims, values))
      return { ...points, dims, values, base: own, alignment: null }
    }
    const aligned = alignedCodes(this.store, runId, q.alignTo)
    const base = alignRows(aligned.fit, own, 1)
    const points = await this.placeAndDecode(run, unalignRows(aligned.fit, traversalPoints(base, dims, values), dims.length * q.steps))
    return { ...points, dims, values, base, alignment: aligned.alignment }
  }

  private basePoint(run: StoredRun, base: z.output<typeof TraversalQuerySchema>['base']): Float32Array {
    const dim = run.config.latentDim
    if (base === 'origin') return new Float32Array(dim)
    if (Array.isArray(base)) {
      if (base.length !== dim) throw new UserError(`base must have ${dim} coordinates, one per latent dimension of run ${run.id}`)
      return Float32Array.from(base)
    }
    const { cloud } = storedLatents(this.store, run.id)
    if (base === 'mean') {
      const mean = new Float32Array(dim)
      for (let d = 0; d < dim; d++) {
        let s = 0
        for (let i = 0; i < cloud.count; i++) s += cloud.zMean[i * dim + d]
        mean[d] = s / cloud.count
      }
      return mean
    }
    const p = positionOf(cloud, base.index)
    if (p < 0) throw new UserError(notEvaluated(cloud, base.index), 'not-found')
    return codesAt(cloud, [p])
  }

  /** Decodes along the path between two test samples' stored codes (z_mean). */
  async interpolate(runId: RunId, query: InterpolationQueryInput): Promise<InterpolationResult> {
    const q = parseQuery(InterpolationQuerySchema, query)
    const { run, cloud } = storedLatents(this.store, runId)
    const ends = [q.fromIndex, q.toIndex].map((index) => {
      const p = positionOf(cloud, index)
      if (p < 0) throw new UserError(notEvaluated(cloud, index), 'not-found')
      return codesAt(cloud, [p])
    })
    const t = evenlySpaced(0, 1, q.steps)
    const [points, endpoints] = await Promise.all([
      this.placeAndDecode(run, interpolationPoints(ends[0], ends[1], t, q.path)),
      this.evaluationSets.inputs(run.config.dataset, [q.fromIndex, q.toIndex]),
    ])
    return { ...points, fromIndex: q.fromIndex, toIndex: q.toIndex, t, endpoints: this.units.batch(run.config.dataset, endpoints) }
  }

  /**
   * The evaluation codes in at most three dimensions: chosen latent dimensions, all of them up to
   * 3, or a PCA to 3-D; aligned, in another run's axes and projected as that run's codes are.
   */
  async getLatentProjection(runId: RunId, query?: LatentProjectionQueryInput): Promise<LatentProjection> {
    const q = parseQuery(LatentProjectionQuerySchema, query)
    const { run, cloud } = storedLatents(this.store, runId)
    const { count, dim } = cloud
    const base = { runId, count, latentDim: dim, indices: cloud.indices, labels: cloud.labels }
    if (q.alignTo === undefined) {
      if (q.dims) checkDims(q.dims, run, 'dims')
      else if (dim > MAX_RAW_PROJECTION_DIMS && count < 2) throw new UserError(`run ${runId} encoded ${count} sample; a PCA needs at least 2`)
      return { ...base, ...projectLatents(cloud.zMean, count, dim, { dims: q.dims }), alignment: null }
    }
    const aligned = alignedCodes(this.store, runId, q.alignTo)
    if (q.dims) checkDims(q.dims, aligned.reference.run, 'dims')
    const reference = aligned.reference.cloud
    const choice = { dims: q.dims, basis: { data: reference.zMean, count: reference.count }, origin: aligned.origin }
    return { ...base, ...projectLatents(aligned.codes, count, dim, choice), alignment: aligned.alignment }
  }

  /** Decodes `z` and places each point relative to the prior and to the run's encoded codes. */
  private async placeAndDecode(run: StoredRun, z: Float32Array): Promise<DecodedPoints> {
    const dim = run.config.latentDim
    const count = z.length / dim
    const cloud = this.store.artifacts.latents(run.id)
    const nearest = cloud ? nearestCodes(z, cloud.zMean, dim) : null
    const decoded = this.units.batch(run.config.dataset, await this.decoder.decode(run.id, z, count))
    return {
      runId: run.id,
      count,
      dim,
      z,
      ...priorPlacement(z, dim),
      nearestIndex: nearest && cloud ? Int32Array.from(nearest.position, (p) => cloud.indices[p]) : new Int32Array(count).fill(-1),
      nearestDistance: nearest ? nearest.distance : new Float32Array(count).fill(NaN),
      decoded,
    }
  }

  /** Decodes stored codes (model units); an empty page (offset past the end) gets an empty batch of the dataset's shape. */
  private async decodeOrEmpty(run: StoredRun, z: Float32Array): Promise<SequenceBatch> {
    if (z.length > 0) return this.decoder.decode(run.id, z, z.length / run.config.latentDim)
    const { steps, features } = findKnownDataset(this.store.datasets, run.config.dataset).info()
    return { count: 0, steps, features, data: new Float32Array(0) }
  }
}

import { z } from 'zod'
import { integer } from './schema-fields'
import type { RunId, SequenceBatch } from './api'
import type { LatentAlignment } from './latent-timeline'

/**
 * Queries and results of the views inside a run: reconstructions ranked by error, one sample
 * across runs, decodes of chosen latent points (prior samples, probes at radii, traversals,
 * interpolations) and the latent codes projected to at most three dimensions. The Lab computes
 * everything; results carry per-point values as typed arrays so the renderer only draws.
 *
 * Latent dimensions are numbered from 0 (shown as z1, z2, … to people). Sequences are row-major
 * [count, steps, features] (`SequenceBatch`).
 *
 * Units: every sequence here (inputs, reconstructions, decodes, endpoints) is in the dataset's
 * original units: an imported dataset's values are mapped back through its stored normalisation.
 * Errors (`error`, `bce`, `mse`, `errorMaps`, histograms) stay in the units the model was trained
 * in, the normalised ones, so they compare across datasets and match the training loss.
 */

const finite = (name: string, min: number, max: number, message = `${name} must be a number from ${min} to ${max}`) =>
  z.number({ error: message }).refine((v) => Number.isFinite(v) && v >= min && v <= max, { error: message })

/** A query object: anything else, or an unknown field, is refused with a sentence. */
const query = <T extends z.core.$ZodLooseShape>(name: string, shape: T) =>
  z.object(shape, { error: `the ${name} must be an object of options` }).strict()

/** An index into the dataset's test set (the evaluation set is its first samples). */
const sampleIndex = (name: string) => integer(name, 0, 10_000_000)

const seed = integer('seed', 0, 2 ** 31 - 1).default(0)

/** Another run whose axes a view expresses this run's codes in (see `LatentAlignment`). */
const alignTo = integer('alignTo', 1, Number.MAX_SAFE_INTEGER, 'alignTo must be the id of another run').optional()

/** Most latent dimensions a run can have (RunConfig's latentDim bound). */
const MAX_LATENT_DIM = 64

/** A latent point given as coordinates; its length is checked against the run's latent size. */
const coordinates = (name: string) => {
  const message = `${name} must hold 1 to ${MAX_LATENT_DIM} coordinates from -1000000 to 1000000`
  return z
    .array(finite(name, -1e6, 1e6, message), { error: message })
    .min(1, { error: message })
    .max(MAX_LATENT_DIM, { error: message })
}

const distinct = (values: readonly number[]) => new Set(values).size === values.length

const dimensionList = (name: string, max: number) =>
  z
    .array(integer(name, 0, MAX_LATENT_DIM - 1, `${name} must be latent dimensions between 0 and ${MAX_LATENT_DIM - 1}`), {
      error: `${name} must be a list of latent dimensions`,
    })
    .min(1, { error: `${name} must name 1 to ${max} latent dimensions` })
    .max(max, { error: `${name} must name 1 to ${max} latent dimensions` })
    .refine(distinct, { error: `${name} must not name a dimension twice` })

// ---------------------------------------------------------------------------------------------
// Reconstructions

export const RECON_ORDERS = ['best', 'worst'] as const
export type ReconOrder = (typeof RECON_ORDERS)[number]
export const RECON_METRICS = ['bce', 'mse'] as const
export type ReconMetric = (typeof RECON_METRICS)[number]
/** Most tiles one page may hold: each carries an input, a reconstruction and an error map. */
export const RECON_PAGE_LIMIT = 200

export const ReconQuerySchema = query('reconstruction query', {
  order: z.enum(RECON_ORDERS, { error: `order must be one of: ${RECON_ORDERS.join(', ')}` }).default('worst'),
  /** Default: `bce` for a Bernoulli run, `mse` for a Gaussian one (which has no BCE). */
  metric: z.enum(RECON_METRICS, { error: `metric must be one of: ${RECON_METRICS.join(', ')}` }).optional(),
  /** Only samples of this class; null or absent for all. */
  label: integer('label', 0, 1_000_000).nullish(),
  offset: integer('offset', 0, 10_000_000).default(0),
  limit: integer('limit', 1, RECON_PAGE_LIMIT).default(24),
  /** Bins of the error histogram. */
  bins: integer('bins', 1, 200).default(40),
})
export type ReconQueryInput = z.input<typeof ReconQuerySchema>
export type ReconQuery = z.output<typeof ReconQuerySchema>

export interface ReconItem {
  /** 1-based position in the ordered (and label-filtered) list: rank 1 of `worst` is the largest error; equal errors keep test-set order. */
  rank: number
  /** Index of the sample in the dataset's test set. */
  index: number
  /** −1 where the dataset has no labels. */
  label: number
  /** The stored error of the query's metric (mean over steps × features of the decode of z_mean). */
  error: number
  /** The histogram bin that holds `error` (−1 for a non-finite error). */
  bin: number
}

/** The distribution of every evaluated sample's error; `edges` has one more entry than `counts`. */
export interface ErrorHistogram {
  metric: ReconMetric
  edges: Float32Array
  /** Over all evaluated samples. */
  counts: Int32Array
  /** Over the samples the label filter keeps (equal to `counts` without a filter). */
  matchingCounts: Int32Array
}

export interface ReconPage {
  runId: RunId
  order: ReconOrder
  metric: ReconMetric
  label: number | null
  /** Samples the label filter keeps (all evaluated samples without one). */
  total: number
  /** Samples in the run's evaluation set. */
  evaluated: number
  offset: number
  items: ReconItem[]
  /** Inputs, reconstructions (decodes of the stored z_mean) and per-element errors, in `items` order. */
  inputs: SequenceBatch
  reconstructions: SequenceBatch
  /** Per step and feature, in model units: BCE, or squared error for `mse`; its mean over a sample is the sample's error. */
  errorMaps: SequenceBatch
  histogram: ErrorHistogram
}

// ---------------------------------------------------------------------------------------------
// One sample across runs

/** Most runs compared at once. */
export const MAX_COMPARED_RUNS = 16

const runId = (name: string) => {
  const message = `${name} must be positive integer run ids`
  return z.number({ error: message }).int({ error: message }).positive({ error: message })
}

export const SampleAcrossRunsSchema = query('sample query', {
  runIds: z
    .array(runId('runIds'), { error: 'runIds must be a list of run ids' })
    .min(1, { error: `runIds must name 1 to ${MAX_COMPARED_RUNS} runs` })
    .max(MAX_COMPARED_RUNS, { error: `runIds must name 1 to ${MAX_COMPARED_RUNS} runs` })
    .refine(distinct, { error: 'runIds must not name a run twice' }),
  index: sampleIndex('index'),
})
export type SampleAcrossRunsQuery = z.output<typeof SampleAcrossRunsSchema>

export type SampleInRun =
  | {
      runId: RunId
      evaluated: true
      zMean: Float32Array
      zLogVar: Float32Array
      bce: number
      mse: number
      /** Decode of the stored z_mean (count 1). */
      reconstruction: SequenceBatch
    }
  | {
      runId: RunId
      evaluated: false
      /** Why the run has no code for this sample, as a sentence. */
      reason: string
    }

export interface SampleAcrossRuns {
  index: number
  label: number
  input: SequenceBatch
  runs: SampleInRun[]
}

// ---------------------------------------------------------------------------------------------
// Decoded latent points

/** Most points one generation call decodes. */
export const MAX_DECODED_POINTS = 1000

/**
 * Latent points, where they sit relative to the prior N(0, I) and to the encoded test codes, and
 * their decodes. Every array is indexed by point.
 */
export interface DecodedPoints {
  runId: RunId
  count: number
  dim: number
  /** Row-major [count, dim]. */
  z: Float32Array
  /** ‖z‖. */
  norm: Float32Array
  /** log N(z; 0, I). */
  logDensity: Float32Array
  /** P(‖ε‖ ≤ ‖z‖) for ε ~ N(0, I), the χ²(dim) CDF at ‖z‖²: 0.99 sits on the 99 % shell. */
  normQuantile: Float32Array
  /** Test-set index of the nearest encoded code (Euclidean, to z_mean); −1 when the run has no codes yet. */
  nearestIndex: Int32Array
  /** Distance to that code; NaN when the run has no codes yet. */
  nearestDistance: Float32Array
  decoded: SequenceBatch
}

export const PriorSampleQuerySchema = query('prior sample query', {
  count: integer('count', 1, MAX_DECODED_POINTS).default(64),
  seed,
})
export type PriorSampleQueryInput = z.input<typeof PriorSampleQuerySchema>
export type PriorSampleQuery = z.output<typeof PriorSampleQuerySchema>

const directionsMessage = 'directions must be a number of random directions (1 to 64) or a list of 1 to 64 direction vectors'
export const ProbeQuerySchema = query('probe query', {
  radii: z
    .array(finite('radii', 0, 1000, 'radii must be numbers from 0 to 1000'), { error: 'radii must be a list of numbers' })
    .min(1, { error: 'radii must hold 1 to 64 values' })
    .max(64, { error: 'radii must hold 1 to 64 values' }),
  /** How many random directions (uniform on the sphere, seeded), or the directions themselves. */
  directions: z.union(
    [
      integer('directions', 1, 64),
      z
        .array(coordinates('directions'), { error: directionsMessage })
        .min(1, { error: directionsMessage })
        .max(64, { error: directionsMessage }),
    ],
    { error: directionsMessage },
  ),
  seed,
})
export type ProbeQueryInput = z.input<typeof ProbeQuerySchema>
export type ProbeQuery = z.output<typeof ProbeQuerySchema>

/** Point k is direction ⌊k / radii.length⌋ at radius radii[k mod radii.length]: one row per direction. */
export interface ProbeResult extends DecodedPoints {
  radii: number[]
  /** Unit vectors, row-major [directionCount, dim]. */
  directions: Float32Array
  directionCount: number
}

const baseMessage = "base must be 'origin', 'mean', a list of coordinates or { index } of a test sample"
export const TraversalQuerySchema = query('traversal query', {
  /** Dimensions to sweep, one row each; all of the run's dimensions when absent. */
  dims: dimensionList('dims', MAX_LATENT_DIM).optional(),
  from: finite('from', -1000, 1000).default(-3),
  to: finite('to', -1000, 1000).default(3),
  steps: integer('steps', 2, 101).default(11),
  /** Where the other dimensions stay: the prior's mean (origin), the codes' mean, a point, or a sample's code. */
  base: z
    .union(
      [
        z.enum(['origin', 'mean']),
        coordinates('base'),
        z.object({ index: sampleIndex('index') }, { error: baseMessage }).strict(),
      ],
      { error: baseMessage },
    )
    .default('origin'),
  /**
   * Sweep the axes of this other run's latent space, mapped into this run's by a Procrustes fit on
   * their shared test codes: the base point is expressed in the other run's axes, its coordinate
   * swept there, and each point mapped back to be decoded by this run.
   */
  alignTo,
})
export type TraversalQueryInput = z.input<typeof TraversalQuerySchema>
export type TraversalQuery = z.output<typeof TraversalQuerySchema>

/** Point k sweeps dims[⌊k / steps⌋] to values[k mod steps]: one row per swept dimension. */
export interface TraversalResult extends DecodedPoints {
  dims: number[]
  /** The swept coordinate's values, from `from` to `to`. */
  values: Float32Array
  /** The point whose other coordinates stay fixed (in the aligned axes when aligned). */
  base: Float32Array
  /** The fit that mapped the aligned axes into this run's, or null. */
  alignment: LatentAlignment | null
}

export const INTERPOLATION_PATHS = ['linear', 'spherical'] as const
export type InterpolationPath = (typeof INTERPOLATION_PATHS)[number]

export const InterpolationQuerySchema = query('interpolation query', {
  fromIndex: sampleIndex('fromIndex'),
  toIndex: sampleIndex('toIndex'),
  steps: integer('steps', 2, 101).default(10),
  /** Straight line between the codes, or a great-circle arc whose norm stays between theirs. */
  path: z.enum(INTERPOLATION_PATHS, { error: `path must be one of: ${INTERPOLATION_PATHS.join(', ')}` }).default('linear'),
})
export type InterpolationQueryInput = z.input<typeof InterpolationQuerySchema>
export type InterpolationQuery = z.output<typeof InterpolationQuerySchema>

/** Point k is at t[k] ∈ [0, 1] from the first sample's z_mean to the second's. */
export interface InterpolationResult extends DecodedPoints {
  fromIndex: number
  toIndex: number
  t: Float32Array
  /** The two samples' inputs (count 2: from, to). */
  endpoints: SequenceBatch
}

// ---------------------------------------------------------------------------------------------
// Latent space

export const LatentProjectionQuerySchema = query('projection query', {
  /** Show these latent dimensions as they are; absent: all of them up to 3, a PCA to 3-D above. */
  dims: dimensionList('dims', 3).optional(),
  /**
   * Express the codes in this other run's axes first (Procrustes fit on the shared test codes), and
   * project them as that run's codes are projected (its chosen dimensions, or its PCA), so the two
   * views can be compared point by point.
   */
  alignTo,
})
export type LatentProjectionQueryInput = z.input<typeof LatentProjectionQuerySchema>
export type LatentProjectionQuery = z.output<typeof LatentProjectionQuerySchema>

/** Principal components of the codes (numpy/sklearn conventions: centred, variance with divisor n − 1). */
export interface PcaSummary {
  /** The codes' mean, length latentDim. */
  mean: number[]
  /** Unit vectors, one per kept component (rows of length latentDim); each one's largest |entry| is positive. */
  components: number[][]
  explainedVariance: number[]
  explainedVarianceRatio: number[]
}

/** Spheres holding 50 / 90 / 99 % of the prior N(0, I) as seen in the projected space. */
export interface PriorShells {
  quantiles: number[]
  /** √(χ²(degreesOfFreedom) quantile) per entry of `quantiles`. */
  radii: number[]
  degreesOfFreedom: number
  /** Where the prior's mean lands in the projected space (the origin, or −mean·Cᵀ for a PCA). */
  center: number[]
}

export interface LatentProjection {
  runId: RunId
  count: number
  latentDim: number
  method: 'raw' | 'pca'
  /** 1, 2 or 3. */
  dims: number
  /** Axis names, e.g. ['z1', 'z3'] or ['PC1', 'PC2', 'PC3']. */
  axes: string[]
  /** Latent dimension per axis for `raw`; empty for `pca`. */
  sourceDims: number[]
  /** Row-major [count, dims]. */
  coords: Float32Array
  /** Test-set index and label of each point. */
  indices: Int32Array
  labels: Int32Array
  pca: PcaSummary | null
  shells: PriorShells
  /** The fit that expressed the codes in another run's axes, or null. */
  alignment: LatentAlignment | null
}

export const LatentTimelineQuerySchema = query('timeline query', {
  /** Show these latent dimensions; absent: all of them up to 3, else the last frame's PCA to 3-D. */
  dims: dimensionList('dims', 3).optional(),
})
export type LatentTimelineQueryInput = z.input<typeof LatentTimelineQuerySchema>

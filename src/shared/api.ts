import type { AnomalyQueryInput, AnomalyReport } from './anomaly-report'
import type { DatasetDetail, ImportOptionsInput, UploadedFile } from './datasets'
import type { ImportPreview } from './recordings'
import type { EpochLatentStats, LatentDiagnosticsReport } from './latent-diagnostics'
import type { LatentTimeline } from './latent-timeline'
import type { LikelihoodEvaluation, LikelihoodQueryInput } from './likelihood-evaluation'
import type { QueueStatus, TrainingPlacement } from './queue-status'
import type {
  DecodedPoints,
  InterpolationQueryInput,
  InterpolationResult,
  LatentProjection,
  LatentProjectionQueryInput,
  LatentTimelineQueryInput,
  PriorSampleQueryInput,
  ProbeQueryInput,
  ProbeResult,
  ReconPage,
  ReconQueryInput,
  SampleAcrossRuns,
  TraversalQueryInput,
  TraversalResult,
} from './run-views'
import type { RunConfig, RunConfigInput } from './run-config'
import type { FieldCondition, RunSort } from './run-fields'

/**
 * The contract between every shell (Electron IPC, HTTP, CLI) and the Lab, the one implementation.
 * Large numeric payloads are typed arrays: structured clone carries them in Electron, the HTTP
 * codec (`wire-codec.ts`) carries them as base64 of their bytes.
 */
export type RunId = number

export const RUN_STATUSES = ['queued', 'running', 'finished', 'failed', 'cancelled', 'crashed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** Statuses from which nothing more will happen unless the user acts. */
export const FINAL_STATUSES: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'crashed']

export interface EpochMetrics {
  epoch: number
  loss: number
  recon: number
  kl: number
  valLoss: number
  valRecon: number
  valKl: number
  /** Wall-clock seconds of the epoch's training and validation. */
  seconds: number
  /** λ in force during the epoch (differs from the config's during KL warm-up). */
  klWeight: number
}

export interface BatchMetric {
  step: number
  epoch: number
  loss: number
}

export interface RunEnvironment {
  engine: string
  backend: string
  node: string
  platform: string
  arch: string
  cpus: number
  packages: Record<string, string>
  /** The queue workers that trained it, in order; absent for a run trained by the serving process itself. */
  trainedOn?: TrainingPlacement[]
}

export interface RunSummary {
  id: RunId
  name: string
  status: RunStatus
  dataset: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  epochsDone: number
  epochs: number
  engine: string | null
  backend: string | null
  params: number | null
  configHash: string
  tags: string[]
  notes: string
  error: string | null
  last: EpochMetrics | null
  /** Lowest val_loss over all epochs and the epoch it happened at. */
  best: { valLoss: number; epoch: number } | null
  /** The whole stored config, so tables can show, filter and sort by any field without a request per run. */
  config: RunConfig
  /** Equal for runs whose configs differ only in `seed`: replicates (see `listRunGroups`). */
  configKey: string
  /** The test log-likelihood (nats per sequence) with the largest K estimated so far (`evaluateLikelihood`); null before any. */
  logLikelihood: { iwae: number; k: number } | null
}

/** How a run's training ended, recorded when it ends (absent while it runs, and for runs older than early stopping). */
export interface RunStop {
  /** The last epoch trained. */
  epoch: number
  /** `epochs`: it trained every epoch asked; `early-stopping`: val_loss stopped improving for `earlyStoppingPatience` epochs. */
  reason: 'epochs' | 'early-stopping'
  /** The epoch with the lowest val_loss, and that loss (null when no val_loss was a number). */
  bestEpoch: number | null
  bestValLoss: number | null
  /** The epoch whose weights the run kept, which its views use: the best one with `restoreBestWeights`, else the last. */
  weightsEpoch: number
}

export interface RunDetail extends RunSummary {
  /** Why this version cannot use the stored config (written by another version), or null. */
  configProblem: string | null
  env: RunEnvironment | null
  heartbeatAt: string | null
  hasLatents: boolean
  hasWeights: boolean
  stop: RunStop | null
}

export interface EpochLatentStatsPoint {
  epoch: number
  stats: EpochLatentStats
}

export interface MetricSeries {
  runId: RunId
  epochs: EpochMetrics[]
  /** Per-batch loss, sampled so a run never stores more than a few thousand points. */
  batches: BatchMetric[]
  /** Statistics of the validation codes after each epoch (mean, Var(μ), KL per unit, active units, MMD). */
  latentStats: EpochLatentStatsPoint[]
}

/** The evaluation set's codes and per-sample reconstruction errors, one entry per sample. */
export interface LatentCloud {
  runId: RunId
  count: number
  dim: number
  /** Index of each sample in the evaluation (test) set. */
  indices: Int32Array
  /** Class label per sample, −1 where the dataset has none. */
  labels: Int32Array
  /** Row-major [count, dim]. */
  zMean: Float32Array
  zLogVar: Float32Array
  /** Per-sample reconstruction errors in the model's units (an imported dataset's normalised values); NaN BCE for a Gaussian run. */
  reconBce: Float32Array
  reconMse: Float32Array
}

/** Row-major [count, steps, features] values, e.g. decoded sequences. */
export interface SequenceBatch {
  count: number
  steps: number
  features: number
  data: Float32Array
}

export interface DatasetInfo {
  name: string
  title: string
  steps: number
  features: number
  trainCount: number
  testCount: number
  /** Class names by label, or null where samples are unlabelled. */
  classNames: string[] | null
  /** `image` datasets can be drawn as steps × features pictures; `series` as line plots. */
  kind: 'image' | 'series'
  available: boolean
  /** Why it is unavailable and how to fix that, e.g. an install command. */
  hint?: string
  /** True for datasets imported from a file (they can be deleted); false for built-ins. */
  imported: boolean
  /**
   * Settings this dataset trains well with, applied by `createRun` under whatever the caller sets
   * (e.g. Gaussian likelihood for z-scored data, a smaller KL weight for sines). Empty: the defaults.
   */
  suggestedConfig: Partial<Omit<RunConfig, 'dataset'>>
}

export interface RunFilter {
  status?: RunStatus[]
  /** Matched against name, notes, tags and "#id", ignoring case. */
  text?: string
  tag?: string
  /** At most this many runs. */
  limit?: number
}

/** A page of the runs list: filtered, sorted on the Lab, continued from the `next` of the page before (keyset, so inserts and deletes between pages neither repeat nor skip a run). */
export interface RunQuery extends RunFilter {
  /** Every condition must hold; a condition on a value a run lacks (no metrics yet) fails. */
  where?: FieldCondition[]
  /** Default newest first. Runs without the value go last in either direction; ties follow the id in the same direction. */
  sort?: RunSort
  /** Only the runs of one group of replicates (a `configKey`). */
  configKey?: string
  /** Rows per page, 1–1000; default 100. */
  limit?: number
  /** The `next` of the previous page; absent for the first. */
  after?: string
}

export interface RunPage {
  runs: RunSummary[]
  /** Pass as `after` for the page that follows; null on the last page. */
  next: string | null
  /** Runs matching the query's filter, on every page. */
  total: number
  /** Every run per status, whatever the filter. */
  counts: Record<RunStatus, number>
}

/** Mean and sample standard deviation (null for a single value) of a metric over a group's runs that have it. */
export interface MetricSpread {
  mean: number
  sd: number | null
  n: number
}

/** Replicates: runs whose configs differ only in their seed. */
export interface RunGroup {
  /** The stored `configKey` every run of the group shares. */
  key: string
  count: number
  /** The newest run's config (its seed is one of many). */
  config: RunConfig
  /** Newest run of the group, so a group can be opened or named. */
  latestRunId: RunId
  metrics: Record<string, MetricSpread | null>
}

export interface RunGroupPage {
  groups: RunGroup[]
  /** Groups matching the filter; the page holds at most the query's limit of them. */
  total: number
}

export interface RunPatch {
  name?: string
  notes?: string
  tags?: string[]
}

export interface ProgressInfo {
  epoch: number
  epochs: number
  samplesDone: number
  samplesTotal: number
  loss: number
  samplesPerSecond: number
  etaSeconds: number
}

/**
 * What a run's process does outside its epochs: loading its data before training starts, and
 * encoding its test set after the last epoch (`done` of `total` samples, rising to `total`).
 */
export type RunPhase = { phase: 'loading-data' } | { phase: 'evaluating'; done: number; total: number }

type EventBase = { runId: RunId; /** increases by one per event published by a Lab */ seq: number }
export type RunEvent =
  | (EventBase & { type: 'queued' })
  | (EventBase & { type: 'started'; engine: string; backend: string; params: number })
  | (EventBase & { type: 'progress'; progress: ProgressInfo })
  | (EventBase & { type: 'epoch'; metrics: EpochMetrics })
  | (EventBase & { type: 'phase' } & RunPhase)
  | (EventBase & { type: 'status'; status: RunStatus; error: string | null })
  | (EventBase & { type: 'likelihood'; /** importance samples of the estimate under way */ k: number; done: number; total: number })
  | (EventBase & { type: 'updated' })
  | (EventBase & { type: 'deleted' })
  /** How far a computation about the run has got (an anomaly report scoring its samples): for a progress bar. */
  | (EventBase & { type: 'analysis-progress'; method: string; done: number; total: number })

/** Progress of a computation a view asked for (an analysis, a likelihood estimate): it changes no run's row or page header. */
export function isComputationProgress(event: RunEvent): boolean {
  return event.type === 'analysis-progress' || event.type === 'likelihood'
}

/** An exported model as one file (a zip of the TensorFlow.js Layers models), for a browser to save. */
export interface ModelArchive {
  name: string
  bytes: Uint8Array
}

export type Unsubscribe = () => void

export interface WorkbenchApi {
  listDatasets(): Promise<DatasetInfo[]>
  getDataset(name: string): Promise<DatasetDetail>
  /** Imports a file (and, for npy, its labels file) as a new dataset; nothing is stored if it fails. */
  importDataset(file: UploadedFile, options?: ImportOptionsInput, labels?: UploadedFile): Promise<DatasetDetail>
  /** What importing a file with these options would make (first rows, columns' roles, windows), storing nothing. */
  previewImport(file: UploadedFile, options?: ImportOptionsInput): Promise<ImportPreview>
  /** Deletes an imported dataset; refused while runs use it. */
  deleteDataset(name: string): Promise<void>
  createRun(config: RunConfigInput, name?: string): Promise<RunSummary>
  /** Every run matching the filter, newest first (at most `limit` of them); a table pages with `listRunPage`. */
  listRuns(filter?: RunFilter): Promise<RunSummary[]>
  listRunPage(query?: RunQuery): Promise<RunPage>
  /** Runs matching the filter, grouped by config without its seed, with the spread of their final metrics. */
  listRunGroups(query?: RunQuery): Promise<RunGroupPage>
  getRun(id: RunId): Promise<RunDetail>
  cancelRun(id: RunId): Promise<void>
  updateRun(id: RunId, patch: RunPatch): Promise<RunSummary>
  deleteRun(id: RunId): Promise<void>
  getMetrics(ids: RunId[]): Promise<MetricSeries[]>
  getLatents(id: RunId): Promise<LatentCloud>
  /** Decodes latent points; sequences from every view are in the dataset's original units (see run-views.ts). */
  decode(id: RunId, z: Float32Array, count: number): Promise<SequenceBatch>
  resumeRun(id: RunId): Promise<RunSummary>
  getLatentDiagnostics(id: RunId): Promise<LatentDiagnosticsReport>
  getReconstructions(id: RunId, query?: ReconQueryInput): Promise<ReconPage>
  getSampleAcrossRuns(ids: RunId[], index: number): Promise<SampleAcrossRuns>
  samplePrior(id: RunId, query?: PriorSampleQueryInput): Promise<DecodedPoints>
  probeRadii(id: RunId, query: ProbeQueryInput): Promise<ProbeResult>
  traverse(id: RunId, query?: TraversalQueryInput): Promise<TraversalResult>
  interpolate(id: RunId, query: InterpolationQueryInput): Promise<InterpolationResult>
  getLatentProjection(id: RunId, query?: LatentProjectionQueryInput): Promise<LatentProjection>
  /** The validation subset's codes after every epoch, in one projection (empty for runs recorded before snapshots). */
  getLatentTimeline(id: RunId, query?: LatentTimelineQueryInput): Promise<LatentTimeline>
  decodePoints(id: RunId, z: Float32Array, count: number): Promise<DecodedPoints>
  getAnomalyReport(id: RunId, query?: AnomalyQueryInput): Promise<AnomalyReport>
  /**
   * The run's test log-likelihood (IWAE-K and the ELBO, see likelihood-evaluation.ts), computed on
   * its evaluation samples once per K and stored; `likelihood` events report progress meanwhile.
   */
  evaluateLikelihood(id: RunId, query?: LikelihoodQueryInput): Promise<LikelihoodEvaluation>
  /** The stored estimates of these runs, every K, by run then K (nothing is computed). */
  getLikelihoodEvaluations(ids: RunId[]): Promise<LikelihoodEvaluation[]>
  /** The run's trained encoder and decoder as TensorFlow.js Layers models, zipped (see README, export-model). */
  exportModelArchive(id: RunId): Promise<ModelArchive>
  /** Where runs train: this process, or a queue with its workers and the queued runs' positions. */
  getQueueStatus(): Promise<QueueStatus>
  subscribe(listener: (e: RunEvent) => void): Unsubscribe
}

/** An implementation that can cancel what one caller started once that caller leaves (the Lab is one). */
export interface SignalScoped {
  /** The same API for one caller: aborting `signal` cancels the computations it started. */
  withSignal(signal: AbortSignal): WorkbenchApi
}

/** `api` for one caller whose leaving aborts `signal`; an API that cannot cancel is returned as it is. */
export function scopedToSignal(api: WorkbenchApi & Partial<SignalScoped>, signal: AbortSignal): WorkbenchApi {
  return api.withSignal ? api.withSignal(signal) : api
}

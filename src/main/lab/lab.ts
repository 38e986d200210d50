import type {
  DatasetInfo,
  LatentCloud,
  MetricSeries,
  ModelArchive,
  RunDetail,
  RunEvent,
  RunFilter,
  RunGroupPage,
  RunPage,
  RunQuery,
  RunId,
  RunPatch,
  RunSummary,
  SequenceBatch,
  Unsubscribe,
  WorkbenchApi,
} from '../../shared/api'
import { FINAL_STATUSES } from '../../shared/api'
import { UserError } from '../../shared/errors'
import type { AnomalyQueryInput, AnomalyReport } from '../../shared/anomaly-report'
import type { DatasetDetail, ImportOptionsInput, UploadedFile } from '../../shared/datasets'
import type { ImportPreview } from '../../shared/recordings'
import type { RunConfig, RunConfigInput } from '../../shared/run-config'
import { DatasetCatalogue, type FileImportOptions } from './data/dataset-catalogue'
import { resolveRunConfig } from './data/run-config-resolution'
import { databaseFile, ensureWritableDir } from './data-dir'
import { EventBus } from './jobs/event-bus'
import { createDispatcher, type QueueChoice } from './jobs/dispatcher-choice'
import type { RunDispatcher } from './jobs/run-dispatcher'
import { ForkWorkerLauncher, type WorkerLauncher } from './jobs/worker-launcher'
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
} from '../../shared/run-views'
import type { LatentDiagnosticsReport } from '../../shared/latent-diagnostics'
import type { LatentTimeline } from '../../shared/latent-timeline'
import type { QueueStatus } from '../../shared/queue-status'
import { scoreFile, type FileScoreOptions, type FileScores } from './analysis/file-scores'
import { scoreRecordingFile, type RecordingFileScores, type RecordingScoreOptions } from './analysis/recording-file-scores'
import { AnalysisPool } from './analysis/pool/analysis-pool'
import type { AnalysisArgs, AnalysisMethod, AnalysisResult } from './analysis/pool/analysis-protocol'
import { storedLatents } from './analysis/run-inspector'
import { LikelihoodEvaluator } from './analysis/likelihood/likelihood-evaluator'
import { describeArchitecture, type ModelArchitecture } from './model/architecture'
import type { DatasetRecord } from './store/dataset-repository'
import { toSummary } from './store/run-repository'
import { resumeRefusal } from './train/resume-refusal'
import { exportRunModel, runModelArchive } from './analysis/model-export'
import { WorkbenchStore } from './store/workbench-store'
import { nativeAddonStatus } from './engines/fused/native-core'

export type { DatasetRecord, FileImportOptions, FileScoreOptions, FileScores, ModelArchitecture, RecordingFileScores }
/** The seam a shell fills to start training processes its own way (Electron's utilityProcess). */
export type { WorkerExit, WorkerHandle, WorkerLauncher } from './jobs/worker-launcher'
export { findAppRoot } from './common/app-files'
export type { ParentToWorker, WorkerToParent } from './train/worker-protocol'
/** `seqvae worker` and the desktop's Compute setting reach the queue through these. */
export { QueueWorker, type QueueWorkerOptions } from './jobs/queue/worker/queue-worker'
export { parseRedisAddress, type RedisAddress } from './jobs/queue/redis-address'
export type { QueueChoice } from './jobs/dispatcher-choice'

export interface LabOptions {
  dataDir: string
  launcher?: WorkerLauncher
  /** Training processes at once (default 1); with a queue, how many the serving machine runs for it (default 0). */
  parallelJobs?: number
  /** Send runs to this training queue instead of training them here (`seqvae serve --queue`). */
  queue?: QueueChoice
  /** Start runs left `queued` in the database by an earlier session (the app and server do; a CLI `train` does not). */
  adoptQueued?: boolean
  /** A `running` run whose heartbeat is older than this at start-up is marked `crashed`. */
  staleAfterMs?: number
  heartbeatMs?: number
  /** The analysis worker's built bundle (the desktop's `out/main/analysis-worker.js`); default its TypeScript source. */
  analysisWorker?: string
  /** Analysis worker threads (default 2, 1 on a one-core machine). */
  analysisThreads?: number
}

/**
 * The one implementation of the WorkbenchApi: every shell is a thin adapter over a Lab, and the
 * only way into src/main/lab (lint keeps src/main/cli and src/main/server to this file and
 * data-dir.ts). Besides the contract it offers what only a local shell may do — read and write
 * files on this machine: importDatasetFile, scoreFile, exportModel — and describeModel, which needs
 * no data directory.
 */
export class Lab implements WorkbenchApi {
  private readonly events = new EventBus()
  private readonly runner: RunDispatcher
  private readonly catalogue: DatasetCatalogue
  private readonly analysis: AnalysisPool
  /** Set on the view withSignal returns: aborted when the caller no longer wants the answer. */
  private readonly signal: AbortSignal | undefined = undefined
  private readonly likelihoods: LikelihoodEvaluator

  private constructor(
    private readonly store: WorkbenchStore,
    databaseFile: string,
    options: LabOptions,
  ) {
    const heartbeatMs = options.heartbeatMs ?? 2000
    this.runner = createDispatcher(store, this.events, {
      launcher: options.launcher ?? new ForkWorkerLauncher(),
      parallelJobs: options.parallelJobs ?? (options.queue ? 0 : 1),
      heartbeatMs,
      queue: options.queue,
    })
    this.catalogue = new DatasetCatalogue(store.datasets, store.runs)
    this.analysis = new AnalysisPool({ databaseFile, entry: options.analysisWorker, size: options.analysisThreads })
    this.likelihoods = new LikelihoodEvaluator(
      store,
      (id, k, call) => this.analysis.run('evaluateLikelihood', [id, { k }], call),
      (p) => this.events.publish({ type: 'likelihood', ...p }),
      (runId) => this.events.publish({ type: 'updated', runId }),
    )
    this.recoverCrashedRuns(options.staleAfterMs ?? Math.max(15_000, heartbeatMs * 5))
    // Runs the queue owns are followed by the queue's hub, and left alone by a Lab without it.
    if (options.adoptQueued) for (const id of store.runs.idsWithStatus('queued')) if (!store.queue.owns(id)) this.runner.enqueue(id)
  }

  /** Which training engine runs here by default, in words (the app's About box, `seqvae model`). */
  static describeTrainingEngine(): string {
    const status = nativeAddonStatus()
    return status.available
      ? `fused, native ${status.instructionSet} kernels (${status.path})`
      : `fused, TypeScript implementation (the native addon is unavailable: ${status.reason})`
  }

  static open(options: LabOptions): Lab {
    ensureWritableDir(options.dataDir)
    const file = databaseFile(options.dataDir)
    return new Lab(WorkbenchStore.open(file), file, options)
  }

  /**
   * The same Lab, for one caller that can tell when it leaves (the server: the request's socket
   * closed; IPC: a newer request replaced it): aborting `signal` cancels the analyses it started.
   */
  withSignal(signal: AbortSignal): WorkbenchApi {
    return Object.assign(Object.create(this) as Lab, { signal })
  }

  /** Runs a numeric contract method in an analysis worker (analysis/pool/analysis-tasks.ts), its progress published as events. */
  private analyse<M extends AnalysisMethod>(method: M, args: AnalysisArgs<M>): Promise<AnalysisResult<M>> {
    const runId = typeof args[0] === 'number' ? args[0] : null
    const onProgress =
      runId === null ? undefined : (done: number, total: number) => this.events.publish({ type: 'analysis-progress', runId, method, done, total })
    return this.analysis.run(method, args, { signal: this.signal, onProgress })
  }

  /** The model a config builds, layer by layer, for data of `steps` × `features`: no data directory, no training. */
  static describeModel(config: RunConfig, steps: number, features: number): ModelArchitecture {
    return describeArchitecture(config, steps, features)
  }

  private recoverCrashedRuns(staleAfterMs: number): void {
    for (const { id, heartbeatAt } of this.store.runs.orphanedRunning(staleAfterMs)) {
      // A queue worker trains it, whatever became of the process that sent it.
      if (this.store.queue.owns(id)) continue
      const error = `the process running it stopped without finishing it (last heartbeat ${heartbeatAt ?? 'never'})`
      this.store.runs.setStatus(id, 'crashed', error)
    }
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    return this.catalogue.list()
  }

  getDataset(name: string): Promise<DatasetDetail> {
    return this.catalogue.detail(name)
  }

  importDataset(file: UploadedFile, options?: ImportOptionsInput, labels?: UploadedFile): Promise<DatasetDetail> {
    return this.catalogue.import(file, options, labels)
  }

  previewImport(file: UploadedFile, options?: ImportOptionsInput): Promise<ImportPreview> {
    return this.catalogue.preview(file, options)
  }

  async deleteDataset(name: string): Promise<void> {
    this.catalogue.delete(name)
    this.analysis.forgetDataset(name)
  }

  /** The dataset's suggested settings fill what the caller left out; the whole resolved config is stored. */
  async createRun(config: RunConfigInput, name?: string): Promise<RunSummary> {
    const resolved = resolveRunConfig(config, this.catalogue, this.store.datasets)
    this.runner.check(resolved)
    const run = this.store.runs.create(resolved, name)
    this.runner.enqueue(run.id)
    return toSummary(this.store.runs.get(run.id))
  }

  async listRuns(filter?: RunFilter): Promise<RunSummary[]> {
    return this.store.listing.list(filter).map(toSummary)
  }

  async listRunPage(query?: RunQuery): Promise<RunPage> {
    const page = this.store.listing.page(query)
    return { ...page, runs: page.runs.map(toSummary) }
  }

  async listRunGroups(query?: RunQuery): Promise<RunGroupPage> {
    return this.store.listing.groups(query)
  }

  async getRun(id: RunId): Promise<RunDetail> {
    const run = this.store.runs.get(id)
    return {
      ...run,
      hasLatents: this.store.artifacts.hasLatents(id),
      hasWeights: this.store.artifacts.hasFinalWeights(id),
      stop: this.store.stops.get(id),
    }
  }

  async cancelRun(id: RunId): Promise<void> {
    const run = this.store.runs.get(id)
    if (FINAL_STATUSES.includes(run.status)) throw new UserError(`run ${id} is already ${run.status}`, 'conflict')
    await this.runner.cancel(id)
  }

  /** Continues a crashed, cancelled or failed run from its last checkpoint (from the start if it has none). */
  async resumeRun(id: RunId): Promise<RunSummary> {
    const run = this.store.runs.get(id)
    const refusal = resumeRefusal(run)
    if (refusal) throw new UserError(refusal, 'conflict')
    this.store.runs.setStatus(id, 'queued')
    this.runner.enqueue(id)
    return toSummary(this.store.runs.get(id))
  }

  /** Renames, notes and tags; announced so every open window shows the change without reloading. */
  async updateRun(id: RunId, patch: RunPatch): Promise<RunSummary> {
    const updated = toSummary(this.store.runs.update(id, patch))
    this.events.publish({ type: 'updated', runId: id })
    return updated
  }

  /** A run still training is cancelled first, so no worker writes into a deleted run. */
  async deleteRun(id: RunId): Promise<void> {
    this.store.runs.get(id)
    await this.runner.cancel(id)
    this.store.runs.delete(id)
    this.analysis.forgetRun(id)
    this.likelihoods.forget(id)
    this.events.publish({ type: 'deleted', runId: id })
  }

  async getMetrics(ids: RunId[]): Promise<MetricSeries[]> {
    return ids.map((runId) => {
      this.store.runs.get(runId)
      const { metrics } = this.store
      return { runId, epochs: metrics.epochs(runId), batches: metrics.batches(runId), latentStats: metrics.latentStats(runId) }
    })
  }

  async getLatents(id: RunId): Promise<LatentCloud> {
    return storedLatents(this.store, id).cloud
  }

  getReconstructions(id: RunId, query?: ReconQueryInput): Promise<ReconPage> {
    return this.analyse('getReconstructions', [id, query])
  }

  getSampleAcrossRuns(ids: RunId[], index: number): Promise<SampleAcrossRuns> {
    return this.analyse('getSampleAcrossRuns', [ids, index])
  }

  samplePrior(id: RunId, query?: PriorSampleQueryInput): Promise<DecodedPoints> {
    return this.analyse('samplePrior', [id, query])
  }

  probeRadii(id: RunId, query: ProbeQueryInput): Promise<ProbeResult> {
    return this.analyse('probeRadii', [id, query])
  }

  traverse(id: RunId, query?: TraversalQueryInput): Promise<TraversalResult> {
    return this.analyse('traverse', [id, query])
  }

  interpolate(id: RunId, query: InterpolationQueryInput): Promise<InterpolationResult> {
    return this.analyse('interpolate', [id, query])
  }

  getLatentProjection(id: RunId, query?: LatentProjectionQueryInput): Promise<LatentProjection> {
    return this.analyse('getLatentProjection', [id, query])
  }

  getLatentTimeline(id: RunId, query?: LatentTimelineQueryInput): Promise<LatentTimeline> {
    return this.analyse('getLatentTimeline', [id, query])
  }

  /** Is z really N(0, I)? Tests, effect sizes, VAE health and plot data for the run's evaluation codes. */
  getLatentDiagnostics(id: RunId): Promise<LatentDiagnosticsReport> {
    return this.analyse('getLatentDiagnostics', [id])
  }

  decodePoints(id: RunId, z: Float32Array, count: number): Promise<DecodedPoints> {
    return this.analyse('decodePoints', [id, z, count])
  }

  decode(id: RunId, z: Float32Array, count: number): Promise<SequenceBatch> {
    return this.analyse('decode', [id, z, count])
  }

  getAnomalyReport(id: RunId, query?: AnomalyQueryInput): Promise<AnomalyReport> {
    return this.analyse('getAnomalyReport', [id, query])
  }

  /** The test log-likelihood (analysis/likelihood), typed by the contract to keep this file short. */
  readonly evaluateLikelihood: WorkbenchApi['evaluateLikelihood'] = (id, query) => this.likelihoods.evaluate(id, query)
  readonly getLikelihoodEvaluations: WorkbenchApi['getLikelihoodEvaluations'] = async (ids) => this.likelihoods.stored(ids)

  getQueueStatus(): Promise<QueueStatus> {
    return this.runner.status()
  }

  subscribe(listener: (e: RunEvent) => void): Unsubscribe {
    return this.events.subscribe(listener)
  }

  // ---- Beside the contract: local shells only, for they read and write this machine's files ----

  /** Imports a file of series from this machine's disk as a named dataset; any problem is a UserError and stores nothing. */
  importDatasetFile(path: string, options?: FileImportOptions): Promise<DatasetRecord> {
    return this.catalogue.importFile(path, options)
  }

  /** The imported datasets with where each came from and how it was normalised. */
  importedDatasets(): DatasetRecord[] {
    return this.catalogue.imported()
  }

  /**
   * Scores a file on this machine's disk with a trained run: every series (analysis/file-scores.ts),
   * or, for a run trained on a recording, every timestamp (analysis/recording-file-scores.ts).
   */
  scoreFile(id: RunId, path: string, options: FileScoreOptions & RecordingScoreOptions = {}): Promise<FileScores | RecordingFileScores> {
    // A missing run is reported by scoreFile, after it has checked the options.
    const dataset = this.store.runs.idsWithStatus('finished').includes(id) ? this.store.runs.get(id).config.dataset : null
    if (dataset === null || !this.store.datasets.recordings.find(dataset)) return scoreFile(this.store, this.catalogue, id, path, options)
    return scoreRecordingFile(this.store, id, path, options, async (combine, score) => (await this.getAnomalyReport(id, { score })).timeline!.defaultThreshold[combine])
  }

  /** Writes the run's final weights as TensorFlow.js Layers models into `dir` (analysis/model-export.ts). */
  exportModel(id: RunId, dir: string): Promise<void> {
    return exportRunModel(this.store, this.catalogue, id, dir)
  }

  exportModelArchive(id: RunId): Promise<ModelArchive> {
    return runModelArchive(this.store, this.catalogue, id)
  }

  /** For the CLI and tests: resolves once the run is no longer queued or running here. */
  async waitForRun(id: RunId): Promise<RunDetail> {
    await this.runner.whenSettled(id)
    return this.getRun(id)
  }

  /** The pid of the run's training process while it runs (fault-injection tests kill it). */
  workerPid(id: RunId): number | undefined {
    return this.runner.activeWorkerPid(id)
  }

  async close(): Promise<void> {
    this.likelihoods.close()
    await this.runner.close()
    await this.analysis.close()
    this.store.close()
  }
}

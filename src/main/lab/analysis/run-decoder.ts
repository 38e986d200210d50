import type { RunId, SequenceBatch } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import { findKnownDataset } from '../data/import/imported-dataset-source'
import { modelSpecFor } from '../model/model-spec'
import type { WorkbenchStore } from '../store/workbench-store'
import { createInferenceEngine } from '../engines/engine-factory'
import type { InferenceEngine } from '../engines/inference-engine'

/** How many runs keep a loaded decoder; views usually flip between one or two. */
const CACHED_RUNS = 4

/** Decodes arbitrary latent points with a run's final weights, keeping recently used models loaded. */
export class RunDecoder {
  private readonly engines = new Map<RunId, Promise<InferenceEngine>>()

  constructor(private readonly store: WorkbenchStore) {}

  async decode(runId: RunId, z: Float32Array, count: number): Promise<SequenceBatch> {
    const run = this.store.runs.get(runId)
    const dim = run.config.latentDim
    if (!Number.isInteger(count) || count < 1 || z.length !== count * dim) {
      throw new UserError(`decode needs ${dim} coordinates per point for run ${runId}; got ${z.length} values for ${count} points`)
    }
    if (!z.every(Number.isFinite)) throw new UserError('decode needs finite coordinates')
    const engine = await this.engineFor(runId)
    const info = findKnownDataset(this.store.datasets, run.config.dataset).info()
    return { count, steps: info.steps, features: info.features, data: await engine.decode(z, count) }
  }

  /** The run's loaded model (kept among the recently used), for work that decodes in bulk. */
  engineFor(runId: RunId): Promise<InferenceEngine> {
    const cached = this.engines.get(runId)
    if (cached) {
      // Re-insert to mark as most recently used.
      this.engines.delete(runId)
      this.engines.set(runId, cached)
      return cached
    }
    const run = this.store.runs.get(runId)
    const weights = this.store.artifacts.finalWeights(runId) ?? this.store.artifacts.checkpoint(runId)?.weights
    if (!weights) throw new UserError(`run ${runId} has no trained weights yet (it is ${run.status})`, 'not-found')
    const info = findKnownDataset(this.store.datasets, run.config.dataset).info()
    const engine = createInferenceEngine(run.config, modelSpecFor(run.config, info.steps, info.features), weights)
    this.engines.set(runId, engine)
    engine.catch(() => this.engines.delete(runId))
    while (this.engines.size > CACHED_RUNS) this.evict(this.engines.keys().next().value!)
    return engine
  }

  private evict(runId: RunId): void {
    const engine = this.engines.get(runId)
    this.engines.delete(runId)
    void engine?.then((e) => e.dispose(), () => {})
  }

  forget(runId: RunId): void {
    this.evict(runId)
  }

  dispose(): void {
    for (const id of [...this.engines.keys()]) this.evict(id)
  }
}

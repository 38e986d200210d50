import type { RunId } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { LatentTimeline } from '../../../shared/latent-timeline'
import { LatentTimelineQuerySchema, type LatentTimelineQueryInput } from '../../../shared/run-views'
import type { WorkbenchStore } from '../store/workbench-store'
import { MAX_RAW_PROJECTION_DIMS, projectLatents } from './latent-view-projection'
import { parseQuery } from './view-query'

/**
 * A run's snapshots as frames of one projection: the chosen dimensions, or the principal
 * components of the last frame applied to every frame, so points move only as the codes move.
 * A run without snapshots gets no epochs (and no error): the view then hides its slider.
 */
export function latentTimeline(store: WorkbenchStore, runId: RunId, query?: LatentTimelineQueryInput): LatentTimeline {
  const q = parseQuery(LatentTimelineQuerySchema, query)
  const run = store.runs.get(runId)
  const latentDim = run.config.latentDim
  const outside = q.dims?.find((d) => d >= latentDim)
  if (outside !== undefined) throw new UserError(`dims must be latent dimensions between 0 and ${latentDim - 1}: run ${runId} has ${latentDim} (got ${outside})`)
  const stored = store.snapshots.get(runId)
  if (!stored || stored.epochs.length === 0) {
    const dims = q.dims ?? Array.from({ length: Math.min(latentDim, MAX_RAW_PROJECTION_DIMS) }, (_, d) => d)
    const empty = projectLatents(new Float32Array(0), 0, latentDim, { dims })
    const { method, axes, sourceDims, pca } = empty
    return { runId, count: 0, latentDim, method, dims: dims.length, axes, sourceDims, epochs: [], frames: empty.coords, positions: new Int32Array(0), labels: new Int32Array(0), pca, stats: [] }
  }
  const { count, dim, epochs } = stored
  const stacked = new Float32Array(epochs.length * count * dim)
  epochs.forEach((e, i) => stacked.set(e.zMean, i * count * dim))
  const last = epochs[epochs.length - 1].zMean
  const projected = projectLatents(stacked, epochs.length * count, dim, { dims: q.dims, basis: { data: last, count } })
  const stats = new Map(store.metrics.latentStats(runId).map((p) => [p.epoch, p.stats]))
  return {
    runId,
    count,
    latentDim: dim,
    method: projected.method,
    dims: projected.dims,
    axes: projected.axes,
    sourceDims: projected.sourceDims,
    epochs: epochs.map((e) => e.epoch),
    frames: projected.coords,
    positions: stored.positions,
    labels: stored.labels,
    pca: projected.pca,
    stats: epochs.map((e) => stats.get(e.epoch) ?? null),
  }
}

import type { EpochLatentStats } from '../../../../../shared/latent-diagnostics'
import type { LatentTimeline } from '../../../../../shared/latent-timeline'
import type { LatentProjection } from '../../../../../shared/run-views'
import { formatNumber } from '../../../lib/format/number-format'
import { axisHalfWidth } from './shell-geometry'

/**
 * The latent timeline as the scatter draws it: frame i as a projection (no prior shells: the view
 * is about how the codes move), one axis range for every frame so motion is not rescaled away,
 * and the epoch's health figures beside it.
 */
export function frameProjection(timeline: LatentTimeline, frame: number): LatentProjection {
  const { count, dims } = timeline
  return {
    runId: timeline.runId,
    count,
    latentDim: timeline.latentDim,
    method: timeline.method,
    dims,
    axes: timeline.axes,
    sourceDims: timeline.sourceDims,
    coords: timeline.frames.subarray(frame * count * dims, (frame + 1) * count * dims),
    indices: timeline.positions,
    labels: timeline.labels,
    pca: timeline.pca,
    shells: { quantiles: [], radii: [], degreesOfFreedom: dims, center: new Array<number>(dims).fill(0) },
    alignment: null,
  }
}

/** Half-width of axes that hold every frame's points. */
export function timelineHalfWidth(timeline: LatentTimeline): number {
  return axisHalfWidth(timeline.frames, timeline.dims, new Array<number>(timeline.dims).fill(0), 0)
}

export interface HealthFigure {
  label: string
  value: string
  /** What the figure means, for the tooltip. */
  title: string
}

/** The per-epoch latent statistics the project already records, as the few figures that say whether the VAE is healthy. */
export function epochHealthFigures(stats: EpochLatentStats | null): HealthFigure[] {
  if (!stats) return []
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)
  const largestOffset = Math.max(...stats.means.map(Math.abs))
  return [
    { label: 'Active units', value: `${stats.activeUnits} of ${stats.dim}`, title: 'Units whose Var(μ) over the validation codes is above 0.01: the ones that carry information' },
    { label: 'KL to the prior', value: `${formatNumber(sum(stats.kl))} nats`, title: 'Mean KL(q(z|x) ‖ N(0, I)) per code, summed over units' },
    { label: 'MMD² to N(0, I)', value: formatNumber(stats.mmd.mmd2), title: `The codes against the prior; as far as a shift of ${formatNumber(stats.mmd.equivalentShift)} along one axis` },
    { label: 'Largest |mean of μ|', value: formatNumber(largestOffset), title: 'How far the codes’ centre sits from the prior’s mean, on the worst unit' },
    { label: 'Var(μ) per unit', value: stats.variances.map((v) => formatNumber(v, 2)).join(' · '), title: 'Spread of each unit’s codes: 1 matches the prior (with the posterior’s own variance)' },
  ]
}

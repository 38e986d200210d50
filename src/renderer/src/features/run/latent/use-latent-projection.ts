import { computed, ref, watch, type Ref } from 'vue'
import type { RunId, WorkbenchApi } from '../../../../../shared/api'
import type { LatentProjection } from '../../../../../shared/run-views'
import { useRequest } from '../../../lib/use-request'
import { coordsAt, groupByLabel } from './label-groups'
import type { LatentSelection } from './latent-selection'
import { projectPoint } from './point-projection'

/**
 * A run's codes as the latent view draws them: the projection the core computed (chosen
 * dimensions, or its default: raw up to 3-D, PCA above; in another run's axes when `alignTo`
 * names one), grouped by class, and where a selection lands in it. Reloads when the run, the
 * dimensions or the alignment change; no run, no request.
 */
export function useLatentProjection(
  api: WorkbenchApi,
  runId: Ref<RunId | null>,
  dims: Ref<number[] | null>,
  labelText: (label: number) => string,
  alignTo: Ref<RunId | null> = ref(null),
) {
  const projection = useRequest<LatentProjection>()
  watch(
    [runId, dims, alignTo],
    ([id, d, to]) => {
      if (id === null) projection.data.value = null
      else void projection.run(() => api.getLatentProjection(id, { ...(d ? { dims: d } : {}), ...(to !== null ? { alignTo: to } : {}) }))
    },
    { immediate: true },
  )
  const groups = computed(() => (projection.data.value ? groupByLabel(projection.data.value.labels) : []))
  const names = computed(() => groups.value.map((g) => labelText(g.label)))

  /** The selection in this view: a sample's own projected point, a typed point's projection (same run only). */
  function markerOf(selection: LatentSelection | null, sameRun: boolean): number[] | null {
    const p = projection.data.value
    if (!p || !selection) return null
    if (selection.kind === 'point') return sameRun ? projectPoint(selection.z, p) : null
    const position = p.indices.indexOf(selection.index)
    return position < 0 ? null : coordsAt(p.coords, p.dims, position)
  }

  return { projection, groups, names, markerOf }
}

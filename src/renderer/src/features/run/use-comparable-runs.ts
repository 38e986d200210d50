import { onMounted, ref, shallowRef } from 'vue'
import type { RunDetail, RunSummary, WorkbenchApi } from '../../../../shared/api'

/** The most recent runs offered: a picker, not a table. */
const OFFERED = 500

/** The other finished runs of the same dataset (the newest of them): the runs whose codes and decodes compare with this one's. */
export function useComparableRuns(api: WorkbenchApi, run: () => RunDetail) {
  const runs = shallowRef<RunSummary[]>([])
  const error = ref<string | null>(null)
  onMounted(async () => {
    try {
      const { runs: finished } = await api.listRunPage({ status: ['finished'], where: [{ field: 'dataset', op: '=', value: run().dataset }], limit: OFFERED + 1 })
      runs.value = finished.filter((r) => r.id !== run().id).slice(0, OFFERED)
    } catch (e) {
      error.value = (e as Error).message
    }
  })
  return { runs, error }
}

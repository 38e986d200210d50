import { onMounted, ref, shallowRef } from 'vue'
import type { RunDetail, RunSummary, WorkbenchApi } from '../../../../shared/api'

/** The other finished runs of the same dataset: the runs whose codes and decodes compare with this one's. */
export function useComparableRuns(api: WorkbenchApi, run: () => RunDetail) {
  const runs = shallowRef<RunSummary[]>([])
  const error = ref<string | null>(null)
  onMounted(async () => {
    try {
      const finished = await api.listRuns({ status: ['finished'] })
      runs.value = finished.filter((r) => r.id !== run().id && r.dataset === run().dataset)
    } catch (e) {
      error.value = (e as Error).message
    }
  })
  return { runs, error }
}

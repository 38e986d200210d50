import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import type { RunId, WorkbenchApi } from '../../../../shared/api'

/**
 * How far the Lab has got computing `method` for the run (its `analysis-progress` events), as a
 * fraction for a progress bar; null until the first event after `reset`, so a view shows its
 * "loading" line until there is a percentage to show.
 */
export function useAnalysisProgress(api: WorkbenchApi, runId: Ref<RunId>, method: string) {
  const fraction = ref<number | null>(null)
  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = api.subscribe((event) => {
      if (event.type === 'analysis-progress' && event.runId === runId.value && event.method === method) {
        fraction.value = event.total > 0 ? event.done / event.total : 1
      }
    })
  })
  onBeforeUnmount(() => unsubscribe?.())
  return { fraction, reset: () => (fraction.value = null) }
}

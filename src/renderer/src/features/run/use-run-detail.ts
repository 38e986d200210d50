import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import type { DatasetInfo, ProgressInfo, RunDetail, RunId, RunPhase, WorkbenchApi } from '../../../../shared/api'
import { isComputationProgress } from '../../../../shared/api'

/**
 * The run a page shows and its dataset, kept current: every event about the run (epoch ended,
 * status changed) reloads it, so a view opened during training fills in as it finishes; progress
 * and phase events (loading data, evaluating) are kept as they come, for the header's bars.
 */
export function useRunDetail(api: WorkbenchApi, id: Ref<RunId>) {
  const run = shallowRef<RunDetail | null>(null)
  const datasets = shallowRef<DatasetInfo[]>([])
  const error = ref<string | null>(null)
  const deleted = ref(false)
  const progress = shallowRef<ProgressInfo | undefined>(undefined)
  const phase = shallowRef<RunPhase | undefined>(undefined)
  let ticket = 0

  async function load(): Promise<void> {
    const mine = ++ticket
    try {
      const [detail, list] = await Promise.all([api.getRun(id.value), datasets.value.length > 0 ? datasets.value : api.listDatasets()])
      if (mine !== ticket) return
      run.value = detail
      datasets.value = list
      error.value = null
    } catch (e) {
      if (mine === ticket) error.value = (e as Error).message
    }
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = api.subscribe((event) => {
      if (event.runId !== id.value || isComputationProgress(event)) return
      if (event.type === 'progress') {
        progress.value = event.progress
        phase.value = undefined
      } else if (event.type === 'phase') phase.value = event
      else if (event.type === 'deleted') deleted.value = true
      else {
        if (event.type === 'status') phase.value = undefined
        void load()
      }
    })
    void load()
  })
  onBeforeUnmount(() => unsubscribe?.())
  watch(id, () => {
    run.value = null
    deleted.value = false
    progress.value = undefined
    phase.value = undefined
    void load()
  })

  const dataset = computed(() => datasets.value.find((d) => d.name === run.value?.config.dataset) ?? null)
  return { run, dataset, error, deleted, progress, phase }
}

import { onBeforeUnmount, onMounted, ref, shallowReactive } from 'vue'
import type { ProgressInfo, RunEvent, RunId, RunPhase, RunSummary, WorkbenchApi } from '../../../../shared/api'

/**
 * The run list, kept current by events: progress and phase events (loading data, evaluating)
 * update a run's bars in place; anything that changes a row (queued, started, epoch, status,
 * deleted) reloads the list, at most one load at a time with one more queued behind it.
 */
export function useLiveRuns(api: WorkbenchApi) {
  const runs = ref<RunSummary[]>([])
  const progress = shallowReactive(new Map<RunId, ProgressInfo>())
  const phases = shallowReactive(new Map<RunId, RunPhase>())
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let loading: Promise<void> | null = null
  let reloadAgain = false

  async function reload(): Promise<void> {
    if (loading) {
      reloadAgain = true
      return loading
    }
    loading = (async () => {
      do {
        reloadAgain = false
        try {
          runs.value = await api.listRuns()
          error.value = null
        } catch (e) {
          error.value = (e as Error).message
        }
      } while (reloadAgain)
      loaded.value = true
      loading = null
    })()
    return loading
  }

  function onEvent(event: RunEvent): void {
    // A view's computation moving on changes no row.
    if (event.type === 'analysis-progress') return
    if (event.type === 'progress') {
      progress.set(event.runId, event.progress)
      phases.delete(event.runId)
      return
    }
    if (event.type === 'phase') {
      phases.set(event.runId, event)
      return
    }
    // Drop live progress only once the reloaded row shows the final state, so a bar never steps back.
    void reload().then(() => {
      if (event.type === 'status' || event.type === 'deleted') {
        progress.delete(event.runId)
        phases.delete(event.runId)
      }
    })
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = api.subscribe(onEvent)
    void reload()
  })
  onBeforeUnmount(() => unsubscribe?.())

  return { runs, progress, phases, loaded, error, reload }
}

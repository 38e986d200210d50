import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import type { MetricSeries, RunDetail, RunEvent, RunId, WorkbenchApi } from '../../../../shared/api'
import type { LikelihoodEvaluation } from '../../../../shared/likelihood-evaluation'
import { byRun } from '../../entities/run-likelihood'

/**
 * The compared runs' details (config, status, metrics summary) and metric series, loaded when the
 * selection changes and refreshed for a run when one of its epochs or its status arrives, so a
 * comparison that includes a training run keeps up with it; likewise its stored test
 * log-likelihoods, refreshed when an estimate finishes.
 */
export function useComparedRuns(api: WorkbenchApi, ids: Ref<RunId[]>) {
  const details = shallowRef(new Map<RunId, RunDetail>())
  const series = shallowRef(new Map<RunId, MetricSeries>())
  const likelihoods = shallowRef(new Map<RunId, LikelihoodEvaluation[]>())
  /** Runs in the URL that do not exist (deleted since the link was made). */
  const missing = ref<RunId[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  let generation = 0

  async function load(list: RunId[]): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const found = await Promise.allSettled(list.map((id) => api.getRun(id)))
      const present = found.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
      const presentIds = present.map((run) => run.id)
      const [metrics, estimates] = present.length > 0 ? await Promise.all([api.getMetrics(presentIds), api.getLikelihoodEvaluations(presentIds)]) : [[], []]
      if (mine !== generation) return
      details.value = new Map(present.map((run) => [run.id, run]))
      series.value = new Map(metrics.map((s) => [s.runId, s]))
      likelihoods.value = byRun(estimates)
      missing.value = list.filter((_, i) => found[i].status === 'rejected')
    } catch (e) {
      if (mine === generation) error.value = (e as Error).message
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function refreshRun(id: RunId): Promise<void> {
    try {
      const [run, [metrics], estimates] = await Promise.all([api.getRun(id), api.getMetrics([id]), api.getLikelihoodEvaluations([id])])
      details.value = new Map(details.value).set(id, run)
      series.value = new Map(series.value).set(id, metrics)
      likelihoods.value = new Map(likelihoods.value).set(id, byRun(estimates).get(id) ?? [])
    } catch {
      // Deleted meanwhile: the next full load notices.
    }
  }

  const pending = new Map<RunId, ReturnType<typeof setTimeout>>()
  function onEvent(event: RunEvent): void {
    const estimated = event.type === 'likelihood' && event.done === event.total
    if ((event.type !== 'epoch' && event.type !== 'status' && !estimated) || !ids.value.includes(event.runId)) return
    // An epoch and a status often come together; one refresh serves both. (An estimate's last
    // event comes just before it is stored, which the 250 ms wait covers.)
    clearTimeout(pending.get(event.runId))
    pending.set(
      event.runId,
      setTimeout(() => {
        pending.delete(event.runId)
        void refreshRun(event.runId)
      }, 250),
    )
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => (unsubscribe = api.subscribe(onEvent)))
  onBeforeUnmount(() => {
    unsubscribe?.()
    for (const timer of pending.values()) clearTimeout(timer)
  })
  watch(ids, (list, previous) => {
    if (list.join(',') !== previous?.join(',')) void load(list)
  }, { immediate: true })

  return { details, series, likelihoods, missing, loading, error }
}

import { onBeforeUnmount, onMounted, ref, shallowReactive, shallowRef, watch } from 'vue'
import {
  FINAL_STATUSES,
  isComputationProgress,
  RUN_STATUSES,
  type ProgressInfo,
  type RunEvent,
  type RunId,
  type RunPhase,
  type RunQuery,
  type RunStatus,
  type RunSummary,
  type WorkbenchApi,
} from '../../../../shared/api'
import { DEFAULT_SORT } from '../../../../shared/run-fields'

/** Rows per request: a screenful many times over, and far under the Lab's limit. */
export const PAGE_SIZE = 200

const zeroCounts = () => Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>

/**
 * The runs table's rows, read from the Lab a page at a time in the query's order (the Lab sorts and
 * filters), more as the table scrolls near the end. Events patch the rows on screen — a run's
 * epoch, status or edit re-reads that one run — instead of reloading the list; a new run appears at
 * the top when the table shows newest first. Counts per status and the number matching come from
 * the Lab (SQL); after an event changes them they are re-read once (one row's page). Progress and
 * phase events update a run's bar in place. The active runs (queued, running) are a small list of
 * their own, for the live panel.
 */
export function useRunPages(api: WorkbenchApi, query: () => RunQuery) {
  const rows = shallowRef<RunSummary[]>([])
  const active = shallowRef<RunSummary[]>([])
  const total = ref(0)
  const counts = ref(zeroCounts())
  const progress = shallowReactive(new Map<RunId, ProgressInfo>())
  const phases = shallowReactive(new Map<RunId, RunPhase>())
  const loaded = ref(false)
  const error = ref<string | null>(null)
  let next: string | null = null
  /** Bumped by every reload: a page that arrives for an older query is dropped. */
  let generation = 0
  let loadingMore = false

  const fail = (e: unknown) => (error.value = (e as Error).message)

  async function reload(): Promise<void> {
    const mine = ++generation
    try {
      const page = await api.listRunPage({ ...query(), limit: PAGE_SIZE })
      if (mine !== generation) return
      rows.value = page.runs
      next = page.next
      total.value = page.total
      counts.value = page.counts
      error.value = null
    } catch (e) {
      if (mine === generation) fail(e)
    }
    loaded.value = true
    void reloadActive()
  }

  /** The next page, if there is one and none is on its way. */
  async function loadMore(): Promise<void> {
    if (next === null || loadingMore) return
    const mine = generation
    loadingMore = true
    try {
      const page = await api.listRunPage({ ...query(), limit: PAGE_SIZE, after: next })
      if (mine !== generation) return
      const have = new Set(rows.value.map((run) => run.id))
      rows.value = [...rows.value, ...page.runs.filter((run) => !have.has(run.id))]
      next = page.next
      total.value = page.total
      counts.value = page.counts
    } catch (e) {
      fail(e)
    } finally {
      loadingMore = false
    }
  }

  async function reloadActive(): Promise<void> {
    try {
      // Oldest first: the runs that train next.
      active.value = (await api.listRunPage({ status: ['queued', 'running'], sort: { field: 'id', descending: false }, limit: 100 })).runs
    } catch (e) {
      fail(e)
    }
  }

  /** Counts and the number matching, re-read after runs come, go or change status: one row's page. */
  async function recount(): Promise<void> {
    try {
      const page = await api.listRunPage({ ...query(), limit: 1 })
      total.value = page.total
      counts.value = page.counts
    } catch (e) {
      fail(e)
    }
  }

  function replace(run: RunSummary): void {
    const index = rows.value.findIndex((row) => row.id === run.id)
    if (index >= 0) rows.value = rows.value.with(index, run)
    const activeIndex = active.value.findIndex((row) => row.id === run.id)
    if (FINAL_STATUSES.includes(run.status)) active.value = active.value.filter((row) => row.id !== run.id)
    else active.value = activeIndex >= 0 ? active.value.with(activeIndex, run) : [run, ...active.value]
  }

  /** Re-reads one run and puts it where it is shown; a new run goes on top of a newest-first table. */
  async function patch(id: RunId, isNew: boolean): Promise<void> {
    try {
      const run = await api.getRun(id)
      const sort = query().sort ?? DEFAULT_SORT
      const newestFirst = sort.field === DEFAULT_SORT.field && sort.descending
      if (isNew && newestFirst && !rows.value.some((row) => row.id === id)) {
        const matching = (await api.listRunPage({ ...query(), limit: 1 })).runs[0]?.id === id
        if (matching) rows.value = [run, ...rows.value]
      }
      replace(run)
    } catch {
      // Deleted meanwhile: its own event removes it.
    }
  }

  function remove(id: RunId): void {
    rows.value = rows.value.filter((row) => row.id !== id)
    active.value = active.value.filter((row) => row.id !== id)
  }

  function onEvent(event: RunEvent): void {
    if (isComputationProgress(event)) return
    switch (event.type) {
      case 'progress':
        progress.set(event.runId, event.progress)
        phases.delete(event.runId)
        return
      case 'phase':
        phases.set(event.runId, event)
        return
      case 'deleted':
        remove(event.runId)
        progress.delete(event.runId)
        phases.delete(event.runId)
        void recount()
        return
      case 'queued':
        void patch(event.runId, true).then(recount)
        return
      case 'status':
        // Drop live progress only once the row shows the final state, so a bar never steps back.
        void patch(event.runId, false).then(() => {
          progress.delete(event.runId)
          phases.delete(event.runId)
          return recount()
        })
        return
      default:
        void patch(event.runId, false)
    }
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = api.subscribe(onEvent)
    void reload()
  })
  onBeforeUnmount(() => unsubscribe?.())
  watch(() => JSON.stringify(query()), () => void reload())

  return { rows, active, total, counts, progress, phases, loaded, error, reload, loadMore, patch }
}

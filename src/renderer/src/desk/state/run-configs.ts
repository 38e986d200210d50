import { shallowReactive } from 'vue'
import type { RunId, RunSummary, WorkbenchApi } from '../../../../shared/api'
import type { RunConfig } from '../../../../shared/run-config'

/**
 * Configs of listed runs, fetched on demand: `listRuns` returns summaries without the config, so
 * config columns, filters, sorts and exports ask `getRun` for the runs they need. A run's config
 * never changes, so each is fetched once per page load, a few requests at a time. Arrivals are
 * stored together every FLUSH_MS, so a hundred answers cause a few re-renders, not a hundred.
 */
const configs = shallowReactive(new Map<RunId, RunConfig>())
const arrived = new Map<RunId, RunConfig>()
const FLUSH_MS = 50
let flushing: Promise<void> | null = null

function store(id: RunId, config: RunConfig): Promise<void> {
  arrived.set(id, config)
  flushing ??= new Promise((resolve) =>
    setTimeout(() => {
      for (const [key, value] of arrived) configs.set(key, value)
      arrived.clear()
      flushing = null
      resolve()
    }, FLUSH_MS),
  )
  return flushing
}
/** Summaries carry their config: every listed run's config is known without a request. */
export function rememberConfigs(runs: readonly RunSummary[]): void {
  for (const run of runs) if (!configs.has(run.id)) configs.set(run.id, run.config)
}

const loads = new Map<RunId, Promise<void>>()
const waiting: (() => void)[] = []
let active = 0
const CONCURRENCY = 4

async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (active >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve))
  active++
  try {
    return await task()
  } finally {
    active--
    waiting.shift()?.()
  }
}

function load(api: WorkbenchApi, id: RunId): Promise<void> {
  if (configs.has(id) || arrived.has(id)) return flushing ?? Promise.resolve()
  let pending = loads.get(id)
  if (!pending) {
    pending = slot(() => api.getRun(id))
      .then((run) => store(id, run.config))
      // A run deleted meanwhile simply has no config to show.
      .catch(() => undefined)
      .finally(() => loads.delete(id))
    loads.set(id, pending)
  }
  return pending
}

export function useRunConfigs(api: WorkbenchApi) {
  return {
    configs,
    /** Resolves once every run in `ids` has its config here (or turned out not to exist). */
    ensure: (ids: readonly RunId[]) => Promise.all(ids.map((id) => load(api, id))).then(() => undefined),
    /** Starts fetching without waiting, e.g. for the rows on screen. */
    request(ids: readonly RunId[]) {
      for (const id of ids) void load(api, id)
    },
  }
}

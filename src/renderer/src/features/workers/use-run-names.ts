import { reactive } from 'vue'
import type { RunId, WorkbenchApi } from '../../../../shared/api'

/** Run names by id, fetched once each as the page meets them (a run being trained or waiting rarely changes its name). */
export function useRunNames(api: WorkbenchApi) {
  const names = reactive(new Map<RunId, string>())
  const asked = new Set<RunId>()

  function want(ids: Iterable<RunId>): void {
    for (const id of ids) {
      if (asked.has(id)) continue
      asked.add(id)
      api.getRun(id).then(
        (run) => names.set(id, run.name),
        () => names.set(id, `run ${id}`),
      )
    }
  }
  const nameOf = (id: RunId) => names.get(id) ?? `run ${id}`
  return { want, nameOf }
}

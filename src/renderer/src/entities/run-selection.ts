import { computed, reactive } from 'vue'
import type { RunId } from '../../../shared/api'

/** Runs ticked in the runs table; kept while the user visits other pages so `c` compares them. */
const selected = reactive(new Set<RunId>())
let anchor: RunId | null = null

export function useRunSelection() {
  return {
    selected,
    count: computed(() => selected.size),
    ids: computed(() => [...selected].sort((a, b) => a - b)),
    /** A click toggles one run; a shift-click sets every run between the last click and this one alike. */
    toggle(id: RunId, order: readonly RunId[], range = false) {
      const on = !selected.has(id)
      const from = anchor === null ? -1 : order.indexOf(anchor)
      const to = order.indexOf(id)
      if (range && from >= 0 && to >= 0) {
        for (const other of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
          if (on) selected.add(other)
          else selected.delete(other)
        }
      } else if (on) selected.add(id)
      else selected.delete(id)
      anchor = id
    },
    set(ids: readonly RunId[]) {
      selected.clear()
      for (const id of ids) selected.add(id)
    },
    /** Drops runs that no longer exist (deleted here or elsewhere). */
    keepOnly(existing: ReadonlySet<RunId>) {
      for (const id of selected) if (!existing.has(id)) selected.delete(id)
    },
    clear() {
      selected.clear()
      anchor = null
    },
  }
}

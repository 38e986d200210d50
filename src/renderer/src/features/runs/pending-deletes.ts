import { reactive } from 'vue'
import type { RunId, WorkbenchApi } from '../../../../shared/api'
import { dismissToast, showToast } from '../../ui/toasts'

/** How long a deleted run can still be brought back. */
export const UNDO_WINDOW_MS = 6000

/** Runs the user deleted whose deletion has not been sent yet: hidden from the tables meanwhile. */
export const pendingDeletes = reactive(new Set<RunId>())

/**
 * Delete with undo: the runs disappear at once, and only after the undo window does the Lab delete
 * them (deleting is final: metrics, checkpoints and codes go with the run). Closing the page inside
 * the window keeps them, which is the safe way to lose a click.
 */
export function deleteWithUndo(api: WorkbenchApi, ids: readonly RunId[], describe: string): void {
  for (const id of ids) pendingDeletes.add(id)
  let undone = false
  const toast = showToast(
    {
      message: `Deleted ${describe}`,
      tone: 'info',
      action: {
        label: 'Undo',
        run: () => {
          undone = true
          for (const id of ids) pendingDeletes.delete(id)
          dismissToast(toast)
        },
      },
    },
    UNDO_WINDOW_MS,
  )
  setTimeout(async () => {
    if (undone) return
    const failures: string[] = []
    for (const id of ids) {
      try {
        await api.deleteRun(id)
      } catch (e) {
        failures.push((e as Error).message)
      }
      pendingDeletes.delete(id)
    }
    if (failures.length > 0) showToast({ message: `Could not delete: ${failures.join('; ')}`, tone: 'error' }, 10_000)
  }, UNDO_WINDOW_MS)
}

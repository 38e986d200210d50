import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue'
import type { RunId, WorkbenchApi } from '../../../shared/api'
import type { QueueStatus } from '../../../shared/queue-status'

/**
 * Where runs train (this computer or a queue with its workers) and the queued runs' positions,
 * asked again every `everyMs` while the component lives: worker heartbeats and queue positions
 * change without run events.
 */
export function useQueueStatus(api: WorkbenchApi, everyMs = 2000) {
  const status = shallowRef<QueueStatus | null>(null)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let live = true

  async function refresh(): Promise<void> {
    clearTimeout(timer)
    try {
      status.value = await api.getQueueStatus()
      error.value = null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
    if (live) timer = setTimeout(() => void refresh(), everyMs)
  }
  onMounted(() => void refresh())
  onBeforeUnmount(() => {
    live = false
    clearTimeout(timer)
  })

  /** A queued run's place in line (1 is next), when the queue says. */
  const positions = computed(() => new Map<RunId, number>((status.value?.waiting ?? []).map((w) => [w.runId, w.position])))
  return { status, error, positions, refresh }
}

import { onBeforeUnmount, onMounted, shallowRef } from 'vue'
import type { BatchMetric, EpochMetrics, RunEvent, RunId, WorkbenchApi } from '../../../../../shared/api'

/**
 * A training run's curves as they grow: the stored epochs and sampled batch losses (loaded at
 * mount and again after every epoch, when the worker has flushed that epoch's batches), plus the
 * running mean of the current epoch from progress events, so the chart moves between epochs.
 */
export function useLiveCurve(api: WorkbenchApi, runId: RunId) {
  const epochs = shallowRef<EpochMetrics[]>([])
  const batches = shallowRef<BatchMetric[]>([])
  /** [epoch position, running mean loss] of the epoch in progress. */
  const currentEpoch = shallowRef<[number, number][]>([])
  const error = shallowRef<string | null>(null)

  async function load(): Promise<void> {
    try {
      const [series] = await api.getMetrics([runId])
      epochs.value = series.epochs
      batches.value = series.batches
      currentEpoch.value = []
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  function onEvent(event: RunEvent): void {
    if (event.runId !== runId) return
    if (event.type === 'progress') {
      const p = event.progress
      if (p.samplesTotal > 0) currentEpoch.value = [...currentEpoch.value, [p.epoch - 1 + p.samplesDone / p.samplesTotal, p.loss]]
    } else if (event.type === 'epoch') {
      void load()
    }
  }

  let unsubscribe: (() => void) | null = null
  onMounted(() => {
    unsubscribe = api.subscribe(onEvent)
    void load()
  })
  onBeforeUnmount(() => unsubscribe?.())

  return { epochs, batches, currentEpoch, error }
}

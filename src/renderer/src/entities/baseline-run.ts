import { ref } from 'vue'
import type { RunId } from '../../../shared/api'

const STORAGE_KEY = 'seqvae-baseline-run'

function stored(): RunId | null {
  const id = Number(localStorage.getItem(STORAGE_KEY))
  return Number.isInteger(id) && id > 0 ? id : null
}

const baselineId = ref<RunId | null>(stored())

/** The run pinned as the baseline: on top of the runs table, bold in comparisons; remembered across launches. */
export function useBaselineRun() {
  return {
    baselineId,
    pin(id: RunId | null) {
      baselineId.value = id
      if (id === null) localStorage.removeItem(STORAGE_KEY)
      else localStorage.setItem(STORAGE_KEY, String(id))
    },
  }
}

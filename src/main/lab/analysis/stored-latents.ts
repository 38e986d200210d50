import type { LatentCloud, RunId } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import type { StoredRun } from '../store/run-repository'
import type { WorkbenchStore } from '../store/workbench-store'

/** A run's stored evaluation codes, or the sentence that says why there are none. */
export function storedLatents(store: WorkbenchStore, runId: RunId): { run: StoredRun; cloud: LatentCloud } {
  const run = store.runs.get(runId)
  const cloud = store.artifacts.latents(runId)
  if (!cloud) throw new UserError(`run ${runId} has no encoded samples yet (it is ${run.status})`, 'not-found')
  return { run, cloud }
}

import type { StoredRun } from '../store/run-repository'
import { NON_FINITE_LOSS_PREFIX } from './training-loop'

/** Why a run cannot be resumed, or null if it can. */
export function resumeRefusal(run: StoredRun): string | null {
  if (run.status === 'failed' && run.error?.startsWith(NON_FINITE_LOSS_PREFIX)) {
    return `run ${run.id} failed with a non-finite loss and would fail again; clone it with a smaller learning rate instead`
  }
  if (!['crashed', 'failed', 'cancelled'].includes(run.status)) {
    return `run ${run.id} is ${run.status}; only crashed, failed or cancelled runs can be resumed`
  }
  if (run.configProblem) return `run ${run.id} was stored with a configuration this version cannot use (${run.configProblem})`
  return null
}

import type { RunPatch, RunSummary, WorkbenchApi } from '../../../../shared/api'
import { replicates } from '../../../../shared/replicates'
import type { RunConfigInput } from '../../../../shared/run-config'
import { applyAssignment, sweepAssignments, sweepRunName, type SweepAxis } from './sweep-expansion'

export interface LaunchRequest {
  base: RunConfigInput
  /** No axes: one run of `base`. */
  axes: SweepAxis[]
  /** Seeds per run (1: just the run); more make a replicate group per run, seeds counting up from its seed. */
  seeds: number
  name: string
  tags: string[]
  notes: string
}

/** What was queued, and why the rest was not if the Lab refused one run. */
export interface LaunchResult {
  created: RunSummary[]
  error: string | null
}

/**
 * Queues a run, or a sweep's runs in order, each repeated with `seeds` seeds ("name · seed 43"),
 * through `createRun`; tags and notes follow with `updateRun` (createRun takes a config and a name
 * only). Stops at the first refusal.
 */
export async function launchRuns(api: WorkbenchApi, request: LaunchRequest): Promise<LaunchResult> {
  const created: RunSummary[] = []
  const patch: RunPatch = {}
  if (request.tags.length > 0) patch.tags = request.tags
  if (request.notes.trim() !== '') patch.notes = request.notes
  try {
    for (const assignment of sweepAssignments(request.axes)) {
      const name = sweepRunName(request.name, assignment)
      const config = applyAssignment(request.base, assignment)
      const runs = request.seeds > 1 ? replicates(config, request.seeds, name) : [{ config, name }]
      for (const one of runs) {
        let run = await api.createRun(one.config, one.name === '' ? undefined : one.name)
        if (Object.keys(patch).length > 0) run = await api.updateRun(run.id, patch)
        created.push(run)
      }
    }
    return { created, error: null }
  } catch (e) {
    return { created, error: (e as Error).message }
  }
}

import { UserError } from '../../../shared/errors'
import { RUN_STATUSES, type RunStatus } from '../../../shared/api'
import { dataDirOption, jsonOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { epochTable, runsTable } from '../run-format'

export async function runsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('runs', args, { ...dataDirOption, ...jsonOption, status: { type: 'string' } })
  const status = values.status?.split(',') as RunStatus[] | undefined
  const unknown = status?.find((s) => !RUN_STATUSES.includes(s))
  if (unknown) throw new UserError(`seqvae runs: unknown status "${unknown}"; use one of ${RUN_STATUSES.join(', ')}`)
  return withLab(values['data-dir'], async (lab) => {
    const runs = await lab.listRuns(status ? { status } : undefined)
    console.log(values.json ? JSON.stringify(runs) : runsTable(runs))
    return 0
  })
}

export async function showCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('show', args, { ...dataDirOption, ...jsonOption }, 1)
  const id = parseRunId('show', positionals[0])
  return withLab(values['data-dir'], async (lab) => {
    const run = await lab.getRun(id)
    const [metrics] = await lab.getMetrics([id])
    if (values.json) {
      console.log(JSON.stringify({ ...run, metrics: metrics.epochs }))
      return 0
    }
    console.log(`run ${run.id} "${run.name}" — ${run.status}${run.error ? ` (${run.error})` : ''}`)
    console.log(`engine ${run.engine ?? '-'} / ${run.backend ?? '-'}, ${run.params ?? '?'} parameters, config ${run.configHash}`)
    console.log(`config ${JSON.stringify(run.config)}`)
    if (run.tags.length) console.log(`tags ${run.tags.join(', ')}`)
    if (run.notes) console.log(`notes ${run.notes}`)
    console.log(epochTable(metrics.epochs))
    return 0
  })
}

export async function deleteCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('delete', args, { ...dataDirOption }, 1)
  const id = parseRunId('delete', positionals[0])
  return withLab(values['data-dir'], async (lab) => {
    await lab.deleteRun(id)
    console.log(`deleted run ${id}`)
    return 0
  })
}

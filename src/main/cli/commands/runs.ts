import { UserError } from '../../../shared/errors'
import { RUN_STATUSES, type RunQuery, type RunStatus } from '../../../shared/api'
import { isKnownRunField, MAX_RUN_PAGE, parseConditions, type RunSort } from '../../../shared/run-fields'
import { dataDirOption, integerFlag, jsonOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { epochTable, runsTable } from '../run-format'

/** Rows `seqvae runs` prints unless told otherwise. */
const DEFAULT_CLI_PAGE = 100

export const RUNS_USAGE =
  'seqvae runs [--status S[,S…]] [--where "latentDim>=3;bestValLoss<0.2"] [--text T] [--sort [-]FIELD] [--limit N] [--after CURSOR] [--data-dir DIR] [--json]'

/** `--sort -bestValLoss`: a field the runs table has, "-" for highest first. */
function parseSortFlag(text: string | undefined): RunSort | undefined {
  if (text === undefined) return undefined
  const descending = text.startsWith('-')
  const field = descending ? text.slice(1) : text
  if (!isKnownRunField(field)) throw new UserError(`seqvae runs: --sort names no field of the runs table: "${field}" (try id, name, bestValLoss, valLoss or a config field such as latentDim)`)
  return { field, descending }
}

/**
 * One page of runs (newest first unless sorted), filtered and sorted by the Lab. `--json` prints the
 * page's runs as the array it always printed; the way on (`--after …`) goes to stderr.
 */
export async function runsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('runs', args, {
    ...dataDirOption,
    ...jsonOption,
    status: { type: 'string' },
    where: { type: 'string' },
    text: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'string' },
    after: { type: 'string' },
  })
  const status = values.status?.split(',') as RunStatus[] | undefined
  const unknown = status?.find((s) => !RUN_STATUSES.includes(s))
  if (unknown) throw new UserError(`seqvae runs: unknown status "${unknown}"; use one of ${RUN_STATUSES.join(', ')}`)
  const { conditions, rejected } = parseConditions(values.where ?? '')
  if (rejected.length > 0) throw new UserError(`seqvae runs: --where "${rejected[0]}" is not "field op value" with a field of the runs table and one of = != < <= > >=`)
  const query: RunQuery = {
    ...(status ? { status } : {}),
    ...(conditions.length ? { where: conditions } : {}),
    ...(values.text ? { text: values.text } : {}),
    ...(values.after ? { after: values.after } : {}),
    sort: parseSortFlag(values.sort),
    limit: integerFlag('runs', 'limit', values.limit, DEFAULT_CLI_PAGE, 1, MAX_RUN_PAGE),
  }
  return withLab(values['data-dir'], async (lab) => {
    const page = await lab.listRunPage(query)
    console.log(values.json ? JSON.stringify(page.runs) : runsTable(page.runs))
    if (page.next !== null) console.error(`${page.runs.length} of ${page.total} runs; the next page: --after '${page.next}'`)
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

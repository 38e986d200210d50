import { dataDirOption, jsonOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { followRun } from '../follow-run'

/** Continues a crashed, failed or cancelled run from its last checkpoint, in the foreground. */
export async function resumeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('resume', args, { ...dataDirOption, ...jsonOption }, 1)
  const id = parseRunId('resume', positionals[0])
  return withLab(values['data-dir'], async (lab) => {
    const run = await lab.resumeRun(id)
    return followRun(lab, run, values.json === true, 'resumed')
  })
}

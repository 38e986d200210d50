import { writeFile } from 'node:fs/promises'
import { counted } from '../../../shared/counted'
import type { ImportFormat } from '../../../shared/datasets'
import { UserError } from '../../../shared/errors'
import type { FileScores } from '../../lab/lab'
import { dataDirOption, jsonOption, numberFlag, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { textTable } from '../run-format'
import { formatOptions } from './import'

export const scoreUsage = `seqvae score <run> --data FILE --out FILE.csv [--format ucr|long-csv|npy] [--labels FILE.npy]
             [--steps-out FILE.csv] [--samples L] [--seed N] [--anomaly-class NAME] [--data-dir DIR] [--json]`

/** Scores every series of a file with a trained run and writes one CSV row per series. */
export async function scoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'score',
    args,
    {
      ...dataDirOption,
      ...jsonOption,
      ...formatOptions,
      data: { type: 'string' },
      out: { type: 'string' },
      'steps-out': { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string' },
      'anomaly-class': { type: 'string' },
    },
    1,
  )
  const id = parseRunId('score', positionals[0])
  if (!values.data) throw new UserError('seqvae score: --data FILE is required (the series to score)')
  if (!values.out) throw new UserError('seqvae score: --out FILE.csv is required')
  const { data, out } = values
  return withLab(values['data-dir'], async (lab) => {
    const scores = await lab.scoreFile(id, data, {
      format: values.format as ImportFormat | undefined,
      labels: values.labels,
      samples: numberFlag(values.samples),
      seed: numberFlag(values.seed),
      anomalyClass: values['anomaly-class'],
    })
    await writeOutput(out, scoresCsv(scores))
    if (values['steps-out']) await writeOutput(values['steps-out'], stepScoresCsv(scores))
    const { evaluation, samples } = scores
    if (values.json) {
      console.log(JSON.stringify({ run: id, count: scores.count, samples, out, evaluation }))
      return 0
    }
    console.log(`scored ${counted(scores.count, 'series', 'series')} with run ${id} (${samples} samples of z each) into ${out}`)
    if (evaluation) {
      console.log(`${evaluation.anomalies} of ${scores.count} are anomalies (by their labels):`)
      console.log(textTable(['score', 'ROC AUC', 'average precision'], evaluation.scores.map((e) => [e.score, e.rocAuc.toFixed(4), e.averagePrecision.toFixed(4)])))
    }
    return 0
  })
}

/** `index,label,anomalous,bce,mse,max_step_mse,nll` (bce only where the run has it): one row per series, larger scores fit worse. */
function scoresCsv({ count, columns, labels, anomalous }: FileScores): string {
  const lines = [['index', 'label', 'anomalous', ...columns.map((c) => c.name)].join(',')]
  for (let i = 0; i < count; i++) {
    lines.push([i, labels?.[i] ?? '', anomalous ? Number(anomalous[i]) : '', ...columns.map((c) => c.values[i])].join(','))
  }
  return lines.join('\n') + '\n'
}

/** `index,step,mse,nll`: one row per series and step. */
function stepScoresCsv(scores: FileScores): string {
  const lines = ['index,step,mse,nll']
  for (let i = 0; i < scores.count; i++) {
    for (let t = 0; t < scores.steps; t++) lines.push(`${i},${t},${scores.stepMse[i * scores.steps + t]},${scores.stepNll[i * scores.steps + t]}`)
  }
  return lines.join('\n') + '\n'
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text)
  } catch (e) {
    throw new UserError(`seqvae score: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}

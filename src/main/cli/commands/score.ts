import { writeFile } from 'node:fs/promises'
import { counted } from '../../../shared/counted'
import type { ImportFormat } from '../../../shared/datasets'
import { UserError } from '../../../shared/errors'
import type { FileScores, RecordingFileScores } from '../../lab/lab'
import { dataDirOption, jsonOption, numberFlag, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { textTable } from '../run-format'
import { formatOptions } from './import'

export const scoreUsage = `seqvae score <run> --data FILE --out FILE.csv [--format ucr|long-csv|npy|wide] [--labels FILE.npy]
             [--steps-out FILE.csv] [--samples L] [--seed N] [--anomaly-class NAME] [--data-dir DIR] [--json]
             a run trained on a recording: [--combine mean|max] [--score mse|nll] [--threshold X]`

/**
 * Scores every series of a file with a trained run and writes one CSV row per series; for a run
 * trained on a recording, one row per timestamp (time as in the file, score, flag).
 */
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
      combine: { type: 'string' },
      score: { type: 'string' },
      threshold: { type: 'string' },
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
      combine: values.combine as 'mean' | 'max' | undefined,
      score: values.score as 'mse' | 'nll' | undefined,
      threshold: numberFlag(values.threshold),
    })
    if (scores.kind === 'recording') return reportRecording(id, out, scores, values.json === true)
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

/** `time,score,flag[,label]`: one row per timestamp of a recording. */
async function reportRecording(id: number, out: string, r: RecordingFileScores, json: boolean): Promise<number> {
  const lines = [r.labels ? 'time,score,flag,label' : 'time,score,flag']
  for (let t = 0; t < r.times.length; t++) {
    lines.push([csvField(r.times[t]), r.scores[t], r.flags[t], ...(r.labels ? [r.labels[t]] : [])].join(','))
  }
  await writeOutput(out, lines.join('\n') + '\n')
  const flagged = r.flags.reduce((n, f) => n + f, 0)
  if (json) {
    console.log(JSON.stringify({ run: id, timestamps: r.times.length, out, threshold: r.threshold, thresholdSource: r.thresholdSource, combine: r.combine, score: r.score, flagged, spans: r.spans }))
    return 0
  }
  console.log(`scored ${counted(r.times.length, 'timestamp')} with run ${id} into ${out}: ${r.score} per step, the ${r.combine} of the windows covering each timestamp`)
  console.log(`flagged ${counted(flagged, 'timestamp')} in ${counted(r.spans, 'span')} at score ≥ ${r.threshold.toPrecision(4)} (${r.thresholdSource === 'given' ? '--threshold' : "the run's default: median + 5 robust sd of its evaluation scores"})`)
  return 0
}

/** A time as written, quoted if it holds a comma or a quote. */
const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

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

import { writeFile } from 'node:fs/promises'
import type { DatasetInfo } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import { scoreWithWeights, type AnomalyScores } from '../../lab/analysis/anomaly-scores'
import { anomalyFlags, detectionCurves } from '../../lab/analysis/detection-curves'
import { listDatasets } from '../../lab/data/dataset-registry'
import { importDataset } from '../../lab/data/import/dataset-import'
import type { ImportFormat, NormalisationKind } from '../../../shared/datasets'
import { normalise } from '../../lab/data/import/normalisation'
import { readSequenceFile } from '../../lab/data/import/sequence-file'
import type { DatasetRecord } from '../../lab/store/dataset-repository'
import { dataDirOption, jsonOption, numberFlag, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { textTable } from '../run-format'

export const importUsage = `seqvae import FILE [--name NAME] [--format ucr|long-csv|npy] [--labels FILE.npy]
              [--normalise min-max|z-score|none] [--steps N] [--data-dir DIR] [--json]`
export const datasetsUsage = 'seqvae datasets [--data-dir DIR] [--json]'
export const scoreUsage = `seqvae score <run> --data FILE --out FILE.csv [--format ucr|long-csv|npy] [--labels FILE.npy]
             [--steps-out FILE.csv] [--samples L] [--seed N] [--anomaly-class NAME] [--data-dir DIR] [--json]`

const formatOptions = { format: { type: 'string' }, labels: { type: 'string' } } as const

const counted = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** Imports a file of series as a named dataset that `seqvae train --dataset NAME` can use. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'import',
    args,
    { ...dataDirOption, ...jsonOption, ...formatOptions, name: { type: 'string' }, normalise: { type: 'string' }, steps: { type: 'string' } },
    1,
  )
  const file = positionals[0]
  if (file === undefined) throw new UserError('seqvae import: missing FILE (a UCR/UEA text file, a long CSV or an .npy array)')
  return withLab(values['data-dir'], async (lab) => {
    const record = await importDataset(
      lab.store.datasets,
      { path: file },
      {
        name: values.name,
        format: values.format as ImportFormat | undefined,
        labels: values.labels === undefined ? undefined : { path: values.labels },
        normalisation: values.normalise as NormalisationKind | undefined,
        steps: numberFlag(values.steps),
      },
      listDatasets().map((d) => d.name),
    )
    if (values.json) {
      console.log(JSON.stringify(record))
      return 0
    }
    for (const line of importSummary(record)) console.log(line)
    return 0
  })
}

/** What an import reports: the shape (and any resampling), classes, normalisation, split and hash. */
function importSummary(r: DatasetRecord): string[] {
  const lengths = r.minLength === r.maxLength ? `${r.minLength}` : `${r.minLength}–${r.maxLength}`
  const resampled = r.minLength !== r.steps || r.maxLength !== r.steps ? ` (resampled from ${lengths} steps)` : ''
  const names = r.classNames ? `${r.classNames.slice(0, 10).join(', ')}${r.classNames.length > 10 ? ', …' : ''}` : ''
  const classes = r.classNames ? `${counted(r.classNames.length, 'class', 'classes')} (${names})` : 'no labels'
  return [
    `imported "${r.name}" from ${r.source.file}: ${counted(r.count, 'series', 'series')} × ${counted(r.steps, 'step')} × ${counted(r.features, 'feature')}${resampled}`,
    `${classes}, ${r.normalisation.kind} normalised, ${r.count - r.testCount} to train on and ${r.testCount} held out for testing`,
    `sha256 ${r.source.sha256}; train on it with: seqvae train --dataset ${r.name}`,
  ]
}

/** Built-in and imported datasets, with provenance for the imported ones and each one's suggested settings. */
export async function datasetsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('datasets', args, { ...dataDirOption, ...jsonOption })
  return withLab(values['data-dir'], async (lab) => {
    const infos = await lab.listDatasets()
    const imported = new Map(lab.store.datasets.list().map((r) => [r.name, r]))
    if (values.json) {
      console.log(JSON.stringify(infos.map((info) => ({ ...info, importedFrom: imported.get(info.name) ?? null }))))
      return 0
    }
    console.log(datasetsTable(infos, imported))
    return 0
  })
}

function datasetsTable(infos: DatasetInfo[], imported: Map<string, DatasetRecord>): string {
  return textTable(
    ['name', 'steps×features', 'train', 'test', 'classes', 'suggests', 'source'],
    infos.map((d) => {
      const record = imported.get(d.name)
      const source = record
        ? `${record.source.file} (${record.format}, ${record.normalisation.kind}, imported ${record.createdAt.slice(0, 10)})`
        : d.available
          ? 'built in'
          : `not installed: ${d.hint ?? 'its files are missing'}`
      const suggests = Object.entries(d.suggestedConfig).map(([field, value]) => `${field} ${String(value)}`).join(', ') || '-'
      return [d.name, `${d.steps}×${d.features}`, String(d.trainCount), String(d.testCount), d.classNames ? String(d.classNames.length) : '-', suggests, source]
    }),
  )
}

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
  const samples = numberFlag(values.samples) ?? 16
  const seed = numberFlag(values.seed) ?? 0
  if (!Number.isInteger(samples) || samples < 1 || samples > 1000) throw new UserError('samples must be an integer between 1 and 1000')
  if (!Number.isInteger(seed) || seed < 0) throw new UserError('seed must be a non-negative integer')
  const { data, out } = values
  return withLab(values['data-dir'], async (lab) => {
    const run = await lab.getRun(id)
    const weights = lab.store.artifacts.finalWeights(id)
    if (!weights) throw new UserError(`run ${id} has no trained weights to score with (it is ${run.status})`, 'not-found')
    const info = (await lab.listDatasets()).find((d) => d.name === run.config.dataset)
    if (!info) throw new UserError(`run ${id} was trained on "${run.config.dataset}", which is no longer available`, 'not-found')
    const file = await readSequenceFile(
      { path: data },
      { format: values.format as ImportFormat | undefined, labels: values.labels === undefined ? undefined : { path: values.labels }, steps: info.steps },
    )
    if (file.set.features !== info.features) {
      throw new UserError(`${data} has ${counted(file.set.features, 'feature')} per step but run ${id} was trained on ${info.features}`)
    }
    // New data is put in the units the model was trained in: an imported dataset's stored
    // normalisation (never refitted), or as is for built-in data, which is already in [0, 1].
    const normalisation = lab.store.datasets.find(run.config.dataset)?.normalisation
    const set = normalisation ? { ...file.set, data: normalise(file.set.data, normalisation) } : file.set
    const scores = await scoreWithWeights(run.config, weights, set, { samples, seed })
    const flags = set.labels && file.classNames ? anomalyFlags(set.labels, file.classNames, values['anomaly-class']) : null
    const labelNames = set.labels && file.classNames ? Array.from(set.labels, (l) => file.classNames![l]) : null
    // A Gaussian run has no BCE: its column is left out rather than written as NaN.
    const columns = SCORE_COLUMNS.filter(([, key]) => key !== 'bce' || run.config.likelihood !== 'gaussian')
    await writeOutput(out, scoresCsv(scores, columns, labelNames, flags))
    if (values['steps-out']) await writeOutput(values['steps-out'], stepScoresCsv(scores))
    const evaluation = flags && flags.some(Boolean) && !flags.every(Boolean) ? evaluate(scores, flags, columns) : null
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

const SCORE_COLUMNS = [
  ['bce', 'bce'],
  ['mse', 'mse'],
  ['max_step_mse', 'maxStepMse'],
  ['nll', 'nll'],
] as const

type ScoreColumn = (typeof SCORE_COLUMNS)[number]

/** ROC AUC and average precision of each score a run gives. */
function evaluate(scores: AnomalyScores, flags: boolean[], columns: readonly ScoreColumn[]) {
  return {
    anomalies: flags.filter(Boolean).length,
    scores: columns.map(([column, key]) => {
      const curves = detectionCurves(scores[key], flags)
      return { score: column, rocAuc: curves.rocAuc, averagePrecision: curves.averagePrecision }
    }),
  }
}

/** `index,label,anomalous,bce,mse,max_step_mse,nll` (bce only where the run has it): one row per series, larger scores fit worse. */
function scoresCsv(scores: AnomalyScores, columns: readonly ScoreColumn[], labels: string[] | null, flags: boolean[] | null): string {
  const lines = [['index', 'label', 'anomalous', ...columns.map(([c]) => c)].join(',')]
  for (let i = 0; i < scores.count; i++) {
    lines.push([i, labels?.[i] ?? '', flags ? Number(flags[i]) : '', ...columns.map(([, key]) => scores[key][i])].join(','))
  }
  return lines.join('\n') + '\n'
}

/** `index,step,mse,nll`: one row per series and step. */
function stepScoresCsv(scores: AnomalyScores): string {
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

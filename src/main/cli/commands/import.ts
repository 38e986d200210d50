import { counted } from '../../../shared/counted'
import type { ImportFormat, NormalisationKind, TableImportOptions } from '../../../shared/datasets'
import { UserError } from '../../../shared/errors'
import type { DatasetRecord } from '../../lab/lab'
import { dataDirOption, jsonOption, numberFlag, parseCommandArgs } from '../cli-args'
import { withLab } from '../open-lab'

export const importUsage = `seqvae import FILE [--name NAME] [--format ucr|long-csv|npy|wide|series] [--labels FILE.npy]
              [--normalise min-max|z-score|none] [--steps N] [--delimiter ,|;|tab||]
              [--id-column NAME] [--label-column NAME]                                   (wide tables)
              [--time-column NAME] [--time-format iso|yyyymmdd|epoch-s|epoch-ms|number]
              [--features A,B] [--label-column NAME] [--window N] [--stride K]            (one recording)
              [--missing refuse|interpolate|drop] [--resample PERIOD] [--data-dir DIR] [--json]`

/** `--format` and `--labels`, read alike by `import` and `score`. */
export const formatOptions = { format: { type: 'string' }, labels: { type: 'string' } } as const

/** The flags of tables with a header (wide tables and recordings). */
const tableOptions = {
  delimiter: { type: 'string' },
  'id-column': { type: 'string' },
  'label-column': { type: 'string' },
  'time-column': { type: 'string' },
  'time-format': { type: 'string' },
  features: { type: 'string' },
  window: { type: 'string' },
  stride: { type: 'string' },
  missing: { type: 'string' },
  resample: { type: 'string' },
} as const

/** Those flags as import options (checked by the Lab with the contract's sentences). */
function tableImportOptions(values: { [K in keyof typeof tableOptions]?: string }): TableImportOptions {
  return {
    delimiter: (values.delimiter === 'tab' ? '\t' : values.delimiter) as TableImportOptions['delimiter'],
    idColumn: values['id-column'],
    labelColumn: values['label-column'],
    timeColumn: values['time-column'],
    timeFormat: values['time-format'] as TableImportOptions['timeFormat'],
    features: values.features?.split(',').map((f) => f.trim()),
    window: numberFlag(values.window),
    stride: numberFlag(values.stride),
    missing: values.missing as TableImportOptions['missing'],
    resample: values.resample,
  }
}

/** Imports a file of series as a named dataset that `seqvae train --dataset NAME` can use. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'import',
    args,
    { ...dataDirOption, ...jsonOption, ...formatOptions, ...tableOptions, name: { type: 'string' }, normalise: { type: 'string' }, steps: { type: 'string' } },
    1,
  )
  const file = positionals[0]
  if (file === undefined) throw new UserError('seqvae import: missing FILE (a UCR/UEA text file, a CSV table, a Parquet or Arrow file, a long CSV or an .npy array)')
  return withLab(values['data-dir'], async (lab) => {
    const record = await lab.importDatasetFile(file, {
      name: values.name,
      format: values.format as ImportFormat | undefined,
      labels: values.labels,
      normalisation: values.normalise as NormalisationKind | undefined,
      steps: numberFlag(values.steps),
      ...tableImportOptions(values),
    })
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
  if (r.format === 'series') return recordingSummary(r)
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

/** A recording's import: its windows, and how they are split in time. */
function recordingSummary(r: DatasetRecord): string[] {
  const classes = r.classNames ? 'windows labelled anomalous where any timestamp is' : 'no labels'
  return [
    `imported "${r.name}" from ${r.source.file}: one recording of ${counted(r.source.rows, 'row')} cut into ${counted(r.count, 'window')} × ${counted(r.steps, 'step')} × ${counted(r.features, 'feature')} (${r.featureNames.join(', ')})`,
    `${classes}, ${r.normalisation.kind} normalised; split by time: ${r.count - r.testCount} windows before a one-window gap to train and validate on, the last ${r.testCount} for evaluation`,
    `sha256 ${r.source.sha256}; train on it with: seqvae train --dataset ${r.name}`,
  ]
}

import { counted } from '../../../shared/counted'
import type { ImportFormat, NormalisationKind } from '../../../shared/datasets'
import { UserError } from '../../../shared/errors'
import type { DatasetRecord } from '../../lab/lab'
import { dataDirOption, jsonOption, numberFlag, parseCommandArgs } from '../cli-args'
import { withLab } from '../open-lab'

export const importUsage = `seqvae import FILE [--name NAME] [--format ucr|long-csv|npy] [--labels FILE.npy]
              [--normalise min-max|z-score|none] [--steps N] [--data-dir DIR] [--json]`

/** `--format` and `--labels`, read alike by `import` and `score`. */
export const formatOptions = { format: { type: 'string' }, labels: { type: 'string' } } as const

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
    const record = await lab.importDatasetFile(file, {
      name: values.name,
      format: values.format as ImportFormat | undefined,
      labels: values.labels,
      normalisation: values.normalise as NormalisationKind | undefined,
      steps: numberFlag(values.steps),
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

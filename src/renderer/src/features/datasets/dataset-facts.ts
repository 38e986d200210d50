import type { DatasetDetail, Normalisation } from '../../../../shared/datasets'
import { formatShortDateTime } from '../../lib/format/date-format'
import { formatCount } from '../../lib/format/number-format'
import { formatNumber } from '../../lib/format/number-format'
import { datasetShape } from '../../entities/dataset-description'
import { formatBytes } from './upload-check'
import { recordingFacts } from './recording-facts'

export interface DatasetFact {
  label: string
  value: string
  /** The full value where `value` is shortened (a hash). */
  title?: string
}

const NORMALISATION_WORDS: Record<Normalisation['kind'], string> = {
  'min-max': 'min-max to [0, 1]',
  'z-score': 'z-score (mean 0, sd 1)',
  none: 'none (original values)',
}

/** "min-max to [0, 1]; value: (x − 2.5) / 4" — per feature, the first few, so the units can be recovered by eye. */
export function normalisationText(n: Normalisation, featureNames: readonly string[] | null): string {
  if (n.kind === 'none') return NORMALISATION_WORDS.none
  const shifted = (offset: number) => (offset === 0 ? 'x' : offset > 0 ? `(x − ${formatNumber(offset)})` : `(x + ${formatNumber(-offset)})`)
  const shown = n.offset.slice(0, 3).map((offset, f) => `${featureNames?.[f] ?? `feature ${f + 1}`}: ${shifted(offset)} / ${formatNumber(n.scale[f])}`)
  const more = n.offset.length > 3 ? `; ${n.offset.length - 3} more` : ''
  return `${NORMALISATION_WORDS[n.kind]}; ${shown.join('; ')}${more}`
}

/** What a dataset's page lists about it, in reading order; built-ins have no provenance or normalisation rows. */
export function datasetFacts(d: DatasetDetail): DatasetFact[] {
  const facts: DatasetFact[] = [
    { label: 'Shape', value: datasetShape(d) },
    { label: 'Sequences', value: `${formatCount(d.trainCount)} training · ${formatCount(d.testCount)} test` },
    { label: 'Classes', value: d.classNames ? `${d.classNames.length}: ${d.classNames.join(', ')}` : 'none (unlabelled)' },
    {
      label: 'Length before resampling',
      value: d.minLength === d.maxLength ? `${formatCount(d.minLength)} steps` : `${formatCount(d.minLength)} to ${formatCount(d.maxLength)} steps, resampled to ${formatCount(d.steps)}`,
    },
  ]
  // A recording's windows all have the window's length: its time axis and split say more.
  if (d.recording) facts.splice(1, 3, ...recordingFacts(d.recording), facts[2])
  if (d.featureNames) facts.push({ label: 'Features', value: d.featureNames.join(', ') })
  if (d.normalisation) facts.push({ label: 'Normalisation', value: normalisationText(d.normalisation, d.featureNames) })
  const s = d.source
  if (s) {
    facts.push(
      { label: 'File', value: `${s.file} · ${formatBytes(s.bytes)} · ${formatCount(s.rows)} rows` },
      { label: 'SHA-256', value: `${s.sha256.slice(0, 12)}…`, title: s.sha256 },
    )
    if (s.labelsFile) facts.push({ label: 'Labels file', value: s.labelsFile, title: s.labelsSha256 ?? undefined })
  }
  if (d.createdAt) facts.push({ label: 'Imported', value: formatShortDateTime(d.createdAt) })
  return facts
}

import type { DatasetInfo } from '../../../shared/api'
import { formatCount } from '../desk/format/number-format'

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`

/** A dataset's shape as people think of it: "28 × 28 images" for pictures, "32 steps × 3 features" for series. */
export function datasetShape(d: Pick<DatasetInfo, 'kind' | 'steps' | 'features'>): string {
  return d.kind === 'image' ? `${d.steps} × ${d.features} images` : `${plural(d.steps, 'step')} × ${plural(d.features, 'feature')}`
}

/** One line for a dataset picker: title, shape, and whether it was imported or is missing here. */
export function datasetChoiceLabel(d: DatasetInfo): string {
  return `${d.title} · ${datasetShape(d)}${d.imported ? ' · imported' : ''}${d.available ? '' : ' (unavailable)'}`
}

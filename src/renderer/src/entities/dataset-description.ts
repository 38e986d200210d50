import type { DatasetInfo } from '../../../shared/api'
import { formatCount } from '../lib/format/number-format'

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`

/** A dataset's shape as people think of it: "28 × 28 images" for pictures, "32 steps × 3 features" for series. */
export function datasetShape(d: Pick<DatasetInfo, 'kind' | 'steps' | 'features'>): string {
  return d.kind === 'image' ? `${d.steps} × ${d.features} images` : `${plural(d.steps, 'step')} × ${plural(d.features, 'feature')}`
}

/**
 * One line for a dataset picker: the name first (what a narrow picker shows, and what configs and
 * the CLI call it), its shape, then the title, or just "imported" for an imported one, whose title
 * is its often long file name (see datasetChoiceTooltip). Ends "(unavailable)" when missing here.
 */
export function datasetChoiceLabel(d: DatasetInfo): string {
  return `${d.name} · ${datasetShape(d)} · ${d.imported ? 'imported' : d.title}${d.available ? '' : ' (unavailable)'}`
}

/** What hovering a picker's choice adds: how to install a missing dataset, else its full title. */
export function datasetChoiceTooltip(d: DatasetInfo): string {
  return d.hint ?? d.title
}

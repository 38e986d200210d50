import { UserError } from '../../../../shared/errors'
import type { MissingPolicy } from '../../../../shared/recordings'
import type { WideColumns } from './column-roles'
import { MISSING_ADVICE } from './missing-values'
import type { ParsedFile, ParsedSeries } from './parsed-series'
import { numberCell, quoteCell } from './tables/table-cells'
import { describeColumn, type RowPlace, type TableSource } from './tables/table-source'
import { labelName } from './text-fields'

export interface WideReadOptions {
  missing: MissingPolicy
}

/**
 * A wide table: one series per row, the header naming the steps (JAN…DEC, t0…t99), an optional id
 * column naming the series and label column classing them. A missing step is refused, filled
 * linearly from the row's neighbouring steps (`interpolate`), or leaves its row out (`drop`).
 */
export async function readWideTable(source: TableSource, columns: WideColumns, options: WideReadOptions): Promise<ParsedFile> {
  const { steps, label } = columns
  const series: ParsedSeries[] = []
  let rows = 0
  let problem: { place: RowPlace; message: (where: string) => string } | null = null
  const stop = (place: RowPlace, message: (where: string) => string) => {
    problem = { place, message }
    return false
  }
  await source.read((cells, here) => {
    rows++
    if (cells.length !== source.header.length) return stop(here(), (w) => `${w} has ${cells.length} fields but the header has ${source.header.length}`)
    const values = new Float32Array(steps.length)
    let missing = -1
    for (let s = 0; s < steps.length; s++) {
      const v = numberCell(cells[steps[s]], source.decimalComma)
      if (v === undefined) return stop(here(), (w) => `${w}, ${describeColumn(source, steps[s])}: ${quoteCell(cells[steps[s]])} is not a finite number`)
      if (Number.isNaN(v) && missing < 0) missing = steps[s]
      values[s] = v
    }
    if (missing >= 0) {
      if (options.missing === 'refuse') return stop(here(), (w) => `${w}, ${describeColumn(source, missing)}: the value is missing; ${MISSING_ADVICE}`)
      if (options.missing === 'drop') return true
      if (!interpolateSteps(values)) return stop(here(), (w) => `${w} has no values at all, so there is nothing to interpolate from`)
    }
    const name = label === null ? null : cells[label] === null ? '' : labelName(String(cells[label]).trim())
    if (name === '') return stop(here(), (w) => `${w}, ${describeColumn(source, label!)}: the label is missing`)
    series.push({ values, length: steps.length, times: null, label: name })
    return true
  })
  const failed = problem as { place: RowPlace; message: (where: string) => string } | null
  if (failed) throw new UserError(failed.message(`${source.label}, ${await source.where(failed.place)}`))
  return { format: 'wide', features: 1, featureNames: ['value'], series, rows }
}

/** Fills NaN steps linearly from the nearest present steps (the nearest one at either end); false when none is present. */
function interpolateSteps(values: Float32Array): boolean {
  const present: number[] = []
  values.forEach((v, s) => Number.isNaN(v) || present.push(s))
  if (present.length === 0) return false
  for (let s = 0, k = 0; s < values.length; s++) {
    while (k < present.length - 1 && present[k + 1] <= s) k++
    if (!Number.isNaN(values[s])) continue
    const [a, b] = s < present[0] ? [present[0], present[0]] : [present[k], present[Math.min(k + 1, present.length - 1)]]
    const w = b === a ? 0 : (s - a) / (b - a)
    values[s] = (1 - w) * values[a] + w * values[b]
  }
  return true
}

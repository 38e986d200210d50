import { UserError } from '../../../../shared/errors'
import type { ImportFile } from './import-file'
import type { ParsedFile, ParsedSeries } from './parsed-series'
import { describeBadNumber, labelName, parseNumberField, splitCsvLine } from './text-fields'

interface SeriesRows {
  times: number[]
  /** Row-major [rows, features]. */
  values: number[]
  lines: number[]
  label: string | null
  labelLine: number
}

/** True when `fields` is a long-CSV header (its first column is `series_id`). */
export function isLongCsvHeader(fields: readonly string[]): boolean {
  return fields[0]?.toLowerCase() === 'series_id'
}

/**
 * Long CSV, multivariate: a header `series_id,t,<feature>…[,label]`, then one row per series and
 * time. Rows of a series may come in any order and are sorted by t; series keep the order of their
 * first row. A series' label must be the same on all its rows.
 */
export async function parseLongCsv(file: ImportFile): Promise<ParsedFile> {
  let header: string[] | null = null
  let hasLabel = false
  let features = 0
  let rows = 0
  const bySeries = new Map<string, SeriesRows>()
  let lineNumber = 0
  for await (const line of file.lines()) {
    lineNumber++
    if (line.trim() === '') continue
    const fields = splitCsvLine(line)
    const where = `${file.label}, line ${lineNumber}`
    if (header === null) {
      header = fields
      hasLabel = fields[fields.length - 1]?.toLowerCase() === 'label'
      features = fields.length - 2 - (hasLabel ? 1 : 0)
      if (!isLongCsvHeader(fields) || fields[1]?.toLowerCase() !== 't' || features < 1) {
        throw new UserError(`${where}: the header must be series_id,t,<feature>…[,label] with at least one feature column; found "${line.trim().slice(0, 80)}"`)
      }
      continue
    }
    if (fields.length !== header.length) {
      throw new UserError(`${where} has ${fields.length} fields but the header has ${header.length}`)
    }
    const id = fields[0]
    if (id === '') throw new UserError(`${where} has no series_id`)
    let entry = bySeries.get(id)
    if (!entry) {
      entry = { times: [], values: [], lines: [], label: null, labelLine: lineNumber }
      bySeries.set(id, entry)
    }
    for (let c = 1; c < 2 + features; c++) {
      const v = parseNumberField(fields[c])
      if (typeof v !== 'number') throw new UserError(`${where}, column ${c + 1} (${header[c]}): ${describeBadNumber(fields[c])}`)
      if (c === 1) entry.times.push(v)
      else entry.values.push(v)
    }
    entry.lines.push(lineNumber)
    if (hasLabel) {
      const label = fields[fields.length - 1]
      if (label === '') throw new UserError(`${where} has an empty label`)
      const name = labelName(label)
      if (entry.label === null) entry.label = name
      else if (entry.label !== name) {
        throw new UserError(`${where}: series "${id}" has label "${name}" here but "${entry.label}" on line ${entry.labelLine}; a series has one label`)
      }
    }
    rows++
  }
  if (header === null) throw new UserError(`${file.label} holds no series (it has no header)`)
  const series = [...bySeries].map(([id, rows]) => toSeries(file.label, id, rows, features))
  return { format: 'long-csv', features, featureNames: header.slice(2, 2 + features), series, rows }
}

/** Sorts a series' rows by t, refuses a repeated t, and drops the times if they are evenly spaced. */
function toSeries(fileLabel: string, id: string, rows: SeriesRows, features: number): ParsedSeries {
  const length = rows.times.length
  const order = Array.from({ length }, (_, i) => i)
  if (rows.times.some((t, i) => i > 0 && t < rows.times[i - 1])) order.sort((a, b) => rows.times[a] - rows.times[b])
  const times = Float64Array.from(order, (i) => rows.times[i])
  const values = new Float32Array(length * features)
  order.forEach((row, k) => values.set(rows.values.slice(row * features, (row + 1) * features), k * features))
  for (let k = 1; k < length; k++) {
    if (times[k] === times[k - 1]) {
      const [a, b] = [rows.lines[order[k - 1]], rows.lines[order[k]]].sort((x, y) => x - y)
      throw new UserError(`${fileLabel}, lines ${a} and ${b}: series "${id}" has two rows at t = ${times[k]}`)
    }
  }
  const step = length > 1 ? times[1] - times[0] : 0
  const even = times.every((t, k) => k === 0 || t - times[k - 1] === step)
  return { values, length, times: even ? null : times, label: rows.label }
}

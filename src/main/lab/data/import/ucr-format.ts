import { UserError } from '../../../../shared/errors'
import type { ImportFile } from './import-file'
import type { ParsedFile, ParsedSeries } from './parsed-series'
import { describeBadNumber, labelName, parseNumberField, splitCsvLine } from './text-fields'

/**
 * UCR/UEA archive style, univariate: one series per row, the class label in the first column,
 * values comma separated (if the first row has a comma) or whitespace separated (tabs, spaces).
 * Every row has the same number of fields; a shorter series is padded with trailing NaN, as the
 * UCR 2018 archive does for its variable-length datasets, and keeps only the values before them.
 * A NaN followed by a value is a missing value in the middle of a series, and is refused.
 */
export async function parseUcr(file: ImportFile): Promise<ParsedFile> {
  const series: ParsedSeries[] = []
  let commas: boolean | null = null
  let width = 0
  let widthLine = 0
  let lineNumber = 0
  for await (const line of file.lines()) {
    lineNumber++
    if (line.trim() === '') continue
    commas ??= line.includes(',')
    const fields = commas ? splitCsvLine(line) : line.trim().split(/\s+/)
    const where = `${file.label}, line ${lineNumber}`
    if (width === 0) {
      width = fields.length
      widthLine = lineNumber
    } else if (fields.length !== width) {
      throw new UserError(
        `${where} has ${fields.length - 1} values but line ${widthLine} has ${width - 1}; every row needs the same number (pad shorter series with trailing NaN)`,
      )
    }
    if (fields[0] === '') throw new UserError(`${where} has no class label in its first column`)
    const values = new Float32Array(width - 1)
    let length = 0
    let firstNan = 0
    for (let c = 1; c < width; c++) {
      const v = parseNumberField(fields[c])
      if (v === 'nan') {
        firstNan ||= c
        continue
      }
      if (v === 'invalid' || firstNan) {
        const column = v === 'invalid' ? c + 1 : firstNan + 1
        const problem = v === 'invalid' ? describeBadNumber(fields[c]) : 'NaN is not allowed inside a series (only trailing NaN, marking a shorter series)'
        throw new UserError(`${where}, column ${column}: ${problem}`)
      }
      values[length++] = v
    }
    if (length === 0) throw new UserError(`${where} has a label but no values`)
    series.push({ values: values.subarray(0, length), length, times: null, label: labelName(fields[0]) })
  }
  return { format: 'ucr', features: 1, featureNames: ['value'], series, rows: series.length }
}

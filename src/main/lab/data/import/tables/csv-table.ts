import { Readable } from 'node:stream'
import Papa from 'papaparse'
import { UserError } from '../../../../../shared/errors'
import type { CsvDelimiter } from '../../../../../shared/recordings'
import type { ImportFile } from '../import-file'
import type { Cell } from './table-cells'
import type { RowPlace, TableSource } from './table-source'

/*
 * CSV is read with Papa Parse (RFC 4180 quoting, quoted separators and line breaks, delimiter
 * detection), streamed. Chosen by measurement against csv-parse, parquet-wasm's sibling DuckDB and
 * pandas on a 53 MB recording (1,000,000 rows × 5 columns, load average ≈ 2–3, 2 cores):
 *   papaparse 5.7.1   2.0–2.2 s, 285 MB peak RSS   (0.35 MB installed, pure JS)
 *   csv-parse 7.0.3   5.7–7.1 s, 290 MB; 11.5 s with the per-record line numbers our messages need
 *   @duckdb/node-api  2.6 s (to JS columns), 500 MB; 68 MB native binding (from the npm registry)
 *   pandas 1.5.3      2.4 s, 223 MB (reference)
 * Papa Parse gives each row's end offset rather than its line, so a message's line is counted
 * afterwards, from the start of the file, only when there is a message to write.
 */

/** Enough of the start of a file to read its header and guess its delimiter. */
const HEAD_CHARS = 256 * 1024

/** Papa Parse's own words for a broken quote, as a sentence's tail. */
const QUOTE_PROBLEMS: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed',
  InvalidQuotes: 'a quote appears inside an unquoted field',
}

export async function openCsvTable(file: ImportFile, delimiter: CsvDelimiter | undefined): Promise<TableSource> {
  const head = await file.head(HEAD_CHARS)
  const first = Papa.parse<string[]>(head, { delimiter: delimiter ?? '', preview: 1, skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] })
  const header = (first.data[0] ?? []).map((name) => name.trim())
  if (header.length === 0) throw new UserError(`${file.label} holds no rows`)
  const used = (delimiter ?? first.meta.delimiter) as CsvDelimiter
  return new CsvTable(file, header, used)
}

class CsvTable implements TableSource {
  readonly container
  readonly decimalComma: boolean

  constructor(
    private readonly file: ImportFile,
    readonly header: string[],
    readonly delimiter: CsvDelimiter,
  ) {
    this.container = { kind: 'csv' as const, delimiter }
    this.decimalComma = delimiter === ';'
  }

  get label(): string {
    return this.file.label
  }

  async read(onRow: (cells: readonly Cell[], place: () => RowPlace) => boolean | void): Promise<void> {
    const input = Readable.from(this.file.text())
    let row = -1 // the header
    let start = 0
    let stopped = false
    let failure: unknown = null
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream, {
        delimiter: this.delimiter,
        skipEmptyLines: 'greedy',
        step: (results, parser) => {
          const end = results.meta.cursor
          const place = { row, offset: start }
          try {
            const quote = results.errors.find((e) => QUOTE_PROBLEMS[e.code])
            if (quote) {
              stopped = true
              parser.abort()
              failure = this.where(place).then((where) => new UserError(`${this.file.label}, ${where}: ${QUOTE_PROBLEMS[quote.code]}`))
              return
            }
            if (row >= 0 && onRow(results.data, () => ({ ...place })) === false) {
              stopped = true
              parser.abort()
            }
          } catch (e) {
            stopped = true
            failure = e
            parser.abort()
          } finally {
            row++
            start = end
          }
        },
        complete: () => resolve(),
        error: (e: Error) => reject(e),
      })
    })
    if (stopped) input.destroy()
    if (failure) throw await failure
  }

  async where(place: RowPlace): Promise<string> {
    return `line ${await this.file.lineAt(place.offset)}`
  }
}

import type { ImportFormat, TableImportOptions } from '../../../../shared/datasets'
import { UserError } from '../../../../shared/errors'
import { isLongCsvHeader } from './long-csv-format'
import type { ImportFile } from './import-file'
import { looksLikeRecording, sampleTable, type TableSample } from './column-roles'
import { openArrowTable } from './tables/arrow-table'
import { openCsvTable } from './tables/csv-table'
import { openParquetTable } from './tables/parquet-table'
import { numberCell } from './tables/table-cells'
import type { TableSource } from './tables/table-source'

/** How a file is stored, from its extension or its first bytes. */
export type Container = 'npy' | 'parquet' | 'arrow' | 'text'

const PARQUET_MAGIC = 'PAR1'
const ARROW_MAGIC = 'ARROW1'

export async function containerOf(file: ImportFile): Promise<Container> {
  const ext = file.extension
  if (ext === '.npy') return 'npy'
  if (ext === '.parquet' || ext === '.pq') return 'parquet'
  if (['.arrow', '.feather', '.ipc', '.arrows'].includes(ext)) return 'arrow'
  const start = await file.head(8)
  if (start.startsWith(PARQUET_MAGIC)) return 'parquet'
  if (start.startsWith(ARROW_MAGIC)) return 'arrow'
  return 'text'
}

/** A text file's first line that is not blank. */
async function firstLine(file: ImportFile): Promise<string | null> {
  for await (const line of file.lines()) if (line.trim() !== '') return line
  return null
}

/**
 * True when a line is a UCR row rather than a header: every field after the first (the class label,
 * which may be text) is a number, or the first field itself is a number — a header's first column
 * has a name, so `1,0.5,abc` is a row with a bad cell (reported as such by the UCR reader), not a
 * header.
 */
function ucrLine(line: string): boolean {
  const separator = [',', ';', '\t', '|'].find((s) => line.includes(s))
  const fields = (separator ? line.split(separator) : line.trim().split(/\s+/)).map((f) => f.trim().replace(/^"(.*)"$/, '$1'))
  const isNumber = (field: string) => numberCell(field, separator === ';') !== undefined
  return isNumber(fields[0]) || fields.slice(1).every(isNumber)
}

export async function openTable(file: ImportFile, container: Container, options: TableImportOptions): Promise<TableSource> {
  if (container === 'parquet') return openParquetTable(file)
  if (container === 'arrow') return openArrowTable(file)
  return openCsvTable(file, options.delimiter)
}

/** The format a file is read as, and its table (for `wide` and `series`) with its first rows. */
export interface ResolvedFormat {
  format: ImportFormat
  table: TableSample | null
}

/**
 * The format to read a file as: the one asked for, else detected. Text whose first line is numbers
 * after its first field (the label) is UCR; a header starting `series_id` is long CSV; other tables with a header (text,
 * Parquet, Arrow) are one recording when a column reads as times (named like a time, or holding
 * ISO dates), and a wide table (a series per row) otherwise.
 */
export async function resolveFormat(file: ImportFile, asked: ImportFormat | undefined, options: TableImportOptions): Promise<ResolvedFormat> {
  const container = await containerOf(file)
  if (asked === 'npy' || (asked === undefined && container === 'npy')) return { format: 'npy', table: null }
  if (container === 'npy') throw new UserError(`${file.label} is a .npy array; it can only be read as npy`)
  if (asked === 'ucr' || asked === 'long-csv') {
    if (container !== 'text') throw new UserError(`format ${asked} is for text files; ${file.label} is ${container === 'parquet' ? 'Parquet' : 'Arrow'}, read as wide or series`)
    return { format: asked, table: null }
  }
  if (asked === undefined && container === 'text') {
    const line = await firstLine(file)
    if (line === null) return { format: 'ucr', table: null } // only blank lines: the parser says the file holds no series
    if (ucrLine(line)) return { format: 'ucr', table: null }
  }
  const table = await sampleTable(await openTable(file, container, options))
  if (asked !== undefined) return { format: asked, table }
  if (container === 'text' && isLongCsvHeader(table.source.header.map((h) => h.toLowerCase()))) return { format: 'long-csv', table: null }
  return { format: looksLikeRecording(table) ? 'series' : 'wide', table }
}

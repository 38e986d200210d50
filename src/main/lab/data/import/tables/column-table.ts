import type { ImportFile } from '../import-file'
import type { Cell } from './table-cells'
import type { RowPlace, TableSource } from './table-source'

/** A column of a binary table: its value at a row, already a Cell. */
export type ColumnReader = (row: number) => Cell

/** A binary table (Parquet, Arrow) decoded into columns, read row by row like a CSV. */
export class ColumnTable implements TableSource {
  readonly decimalComma = false

  constructor(
    private readonly file: ImportFile,
    readonly container: { kind: 'parquet' } | { kind: 'arrow' },
    readonly header: string[],
    private readonly columns: ColumnReader[],
    private readonly rowCount: number,
  ) {}

  get label(): string {
    return this.file.label
  }

  async read(onRow: (cells: readonly Cell[], place: () => RowPlace) => boolean | void): Promise<void> {
    const cells: Cell[] = new Array<Cell>(this.columns.length)
    for (let row = 0; row < this.rowCount; row++) {
      for (let c = 0; c < this.columns.length; c++) cells[c] = this.columns[c](row)
      if (onRow(cells, () => ({ row, offset: 0 })) === false) return
    }
  }

  async where(place: RowPlace): Promise<string> {
    // Row 1 is the header, as in a spreadsheet or pandas' to_csv of the same table.
    return `row ${place.row + 2}`
  }
}

/** A value from a binary table as a Cell: dates as ISO 8601, big integers and booleans as numbers. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  return String(value)
}

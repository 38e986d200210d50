import type { ImportFile } from '../import-file'
import type { Cell } from './table-cells'
import type { RowPlace, TableSource } from './table-source'

/** A column of a binary table: its value at a row of the batch, already a Cell. */
export type ColumnReader = (rowInBatch: number) => Cell

/** Consecutive rows of a binary table, decoded into columns (a Parquet row group, an Arrow record batch). */
export interface ColumnBatch {
  rowCount: number
  /** One reader per header column. */
  columns: ColumnReader[]
}

/**
 * A binary table (Parquet, Arrow) read row by row like a CSV. It is decoded one batch at a time, so
 * only one batch's columns are alive at once and a reading that stops early (a preview) decodes
 * only the batches it reaches.
 */
export class ColumnTable implements TableSource {
  readonly decimalComma = false

  constructor(
    private readonly file: ImportFile,
    readonly container: { kind: 'parquet' } | { kind: 'arrow' },
    readonly header: string[],
    private readonly batches: () => AsyncIterable<ColumnBatch>,
  ) {}

  get label(): string {
    return this.file.label
  }

  async read(onRow: (cells: readonly Cell[], place: () => RowPlace) => boolean | void): Promise<void> {
    const cells: Cell[] = new Array<Cell>(this.header.length)
    let row = 0
    for await (const batch of this.batches()) {
      for (let i = 0; i < batch.rowCount; i++, row++) {
        for (let c = 0; c < batch.columns.length; c++) cells[c] = batch.columns[c](i)
        const at = row
        if (onRow(cells, () => ({ row: at, offset: 0 })) === false) return
      }
    }
  }

  async where(place: RowPlace): Promise<string> {
    // Row 1 is the header, as in a spreadsheet or pandas' to_csv of the same table.
    return `row ${place.row + 2}`
  }
}

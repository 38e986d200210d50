import type { ImportPreview } from '../../../../../shared/recordings'
import type { Cell } from './table-cells'

/** A row of a table, remembered while reading so a message can name it afterwards. */
export interface RowPlace {
  /** 0-based index among the data rows. */
  row: number
  /** Where the row starts in the text (CSV only: its line is counted when a message needs it). */
  offset: number
}

/**
 * A table with a header read row by row, whatever its container (CSV, Parquet, Arrow IPC). Formats
 * (`wide`, `series`) read through this, so they check values the same way in every container.
 */
export interface TableSource {
  /** How messages name the file. */
  readonly label: string
  readonly container: NonNullable<ImportPreview['container']>
  readonly header: string[]
  /** True where a decimal comma may be read (a CSV separated by semicolons). */
  readonly decimalComma: boolean
  /**
   * Calls `onRow` with each data row in order (blank lines skipped); `onRow` returning false stops
   * the reading. Rows are handed over as read; a row may have more or fewer cells than the header.
   */
  read(onRow: (cells: readonly Cell[], place: () => RowPlace) => boolean | void): Promise<void>
  /** "line 17" (CSV) or "row 17" (binary tables, counting the header as row 1, as a spreadsheet does). */
  where(place: RowPlace): Promise<string>
}

/** "column 3 (temp)" for text, `column "temp"` where there are no column numbers to speak of. */
export function describeColumn(source: TableSource, column: number): string {
  const name = source.header[column] ?? ''
  return source.container.kind === 'csv' ? `column ${column + 1} (${name})` : `column "${name}"`
}

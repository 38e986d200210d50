import { DataType, tableFromIPC, type Vector } from 'apache-arrow'
import { UserError } from '../../../../../shared/errors'
import type { ImportFile } from '../import-file'
import { ColumnTable, type ColumnReader } from './column-table'
import { toCell } from './table-cells'
import type { TableSource } from './table-source'

/*
 * Arrow IPC (file or stream) and Feather v2 are read with apache-arrow, the Arrow project's own
 * JavaScript implementation: 1.0 s and 222 MB peak RSS for the 1,000,000-row recording (56 MB).
 * Compressed record batches (pandas' to_feather compresses with LZ4 by default) need codecs it does
 * not ship, so such a file is refused with the way to write it uncompressed.
 */

export async function openArrowTable(file: ImportFile): Promise<TableSource> {
  const bytes = await file.bytes()
  let table
  try {
    table = tableFromIPC(bytes)
  } catch (e) {
    const message = (e as Error).message
    if (/compress|codec/i.test(message)) {
      throw new UserError(`${file.label} is compressed Arrow, which cannot be read here; write it uncompressed (pandas: df.to_feather(path, compression="uncompressed"))`)
    }
    throw new UserError(`${file.label} is not a readable Arrow IPC or Feather file (${message})`)
  }
  const header = table.schema.fields.map((f) => f.name)
  // The whole table is already in memory (Arrow's buffers); its record batches are read in turn.
  return new ColumnTable(file, { kind: 'arrow' }, header, async function* () {
    for (const batch of table.batches) yield { rowCount: batch.numRows, columns: header.map((_, i) => vectorColumn(batch.getChildAt(i)!)) }
  })
}

function vectorColumn(vector: Vector): ColumnReader {
  const type = vector.type as DataType
  if ((DataType.isFloat(type) || DataType.isInt(type)) && vector.nullCount === 0) {
    const values = vector.toArray() as ArrayLike<number | bigint>
    return (row) => Number(values[row])
  }
  if (DataType.isTimestamp(type) || DataType.isDate(type)) {
    return (row) => {
      const v = vector.get(row) as number | bigint | Date | null
      return v === null ? null : toCell(v instanceof Date ? v : new Date(Number(v)))
    }
  }
  return (row) => toCell(vector.get(row))
}

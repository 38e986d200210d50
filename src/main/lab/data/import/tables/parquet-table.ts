import { parquetMetadata, parquetRead, parquetSchema, type ColumnData, type FileMetaData } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { UserError } from '../../../../../shared/errors'
import type { ImportFile } from '../import-file'
import { ColumnTable, type ColumnBatch, type ColumnReader } from './column-table'
import { toCell } from './table-cells'
import type { TableSource } from './table-source'

/*
 * Parquet is read with hyparquet (pure JavaScript) and hyparquet-compressors (ZSTD, GZIP, Brotli,
 * LZ4; Snappy is built in), chosen by measurement on the same 1,000,000-row recording written by
 * parquet-wasm as Snappy Parquet (29 MB; load average ≈ 3–4, 2 cores):
 *   hyparquet 1.33.0       2.6 s, 523 MB peak RSS  (0.75 MB installed with its compressors)
 *   parquet-wasm 0.8.0     3.9 s, 533 MB           (15 MB installed: WebAssembly)
 *   @duckdb/node-api       3.2 s, 454 MB           (68 MB native binding)
 * It is decoded one row group at a time: decoding the whole file at once held every column of every
 * row as JavaScript values (2.2 GB peak for a 200 MB file; `npm run bench:import`).
 */

export async function openParquetTable(file: ImportFile): Promise<TableSource> {
  const bytes = await file.bytes()
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  let metadata: FileMetaData
  try {
    metadata = parquetMetadata(buffer)
  } catch (e) {
    throw new UserError(`${file.label} is not a readable Parquet file (${(e as Error).message})`)
  }
  const header = parquetSchema(metadata).children.map((c) => c.element.name)
  return new ColumnTable(file, { kind: 'parquet' }, header, () => rowGroups(file, buffer, metadata, header))
}

async function* rowGroups(file: ImportFile, buffer: ArrayBuffer, metadata: FileMetaData, header: string[]): AsyncIterable<ColumnBatch> {
  let groupStart = 0
  for (const group of metadata.row_groups) {
    const rowCount = Number(group.num_rows)
    const chunks = new Map<string, ColumnData[]>(header.map((name) => [name, []]))
    try {
      await parquetRead({
        file: buffer,
        metadata,
        compressors,
        rowStart: groupStart,
        rowEnd: groupStart + rowCount,
        onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk),
      })
    } catch (e) {
      throw new UserError(`${file.label} could not be read as Parquet (${(e as Error).message})`)
    }
    yield { rowCount, columns: header.map((name) => chunkedColumn(chunks.get(name)!, groupStart)) }
    groupStart += rowCount
  }
}

/** A column of one row group, delivered in page chunks (rows numbered from the file's start), read by row. */
function chunkedColumn(chunks: ColumnData[], groupStart: number): ColumnReader {
  chunks.sort((a, b) => a.rowStart - b.rowStart)
  let current = chunks[0]
  return (rowInGroup) => {
    const row = groupStart + rowInGroup
    if (!current || row < current.rowStart || row >= current.rowEnd) current = chunks.find((c) => row >= c.rowStart && row < c.rowEnd)!
    return current ? toCell(current.columnData[row - current.rowStart]) : null
  }
}

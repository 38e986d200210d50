import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { readRecordingFile, readSequenceFile } from '../../../../../src/main/lab/data/import/sequence-file'

const TABLES = path.join(__dirname, '../../../../fixtures/import/tables')
const fixture = (name: string) => path.join(TABLES, name)
const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1e4) / 1e4)
const iso = (ms: number) => new Date(ms).toISOString()

describe('tables with a header', () => {
  it('reads a recording with a BOM, ";" separators, quoted headers and values (a quoted ";" and quote) and decimal commas', async () => {
    const r = await readRecordingFile({ path: fixture('recording-semicolon-bom.csv') }, { keepTimeText: true })
    // "Time stamp" is found by its ISO values; the text column "Note" is not a feature; "Label" is the label.
    expect(r.read).toMatchObject({ timeColumn: 'Time stamp', features: ['Temp (°C)', 'Flow; l/min'], labelColumn: 'Label', delimiter: ';' })
    expect(r.timeFormat).toBe('iso')
    expect(r.times.length).toBe(30)
    expect(iso(r.times[1])).toBe('2024-03-01T01:30:00.000Z')
    expect(rounded(r.values.subarray(0, 4))).toEqual([20, 0, 20.33, 0.5])
    expect(r.labels!.indexOf(1)).toBe(20)
    expect(r.timeTexts![0]).toBe('2024-03-01T00:30:00Z')
  })

  it('detects a wide table with an id column and a label column, the header naming the steps', async () => {
    const file = await readSequenceFile({ path: fixture('wide-elnino.csv') })
    expect(file.format).toBe('wide')
    expect([file.set.count, file.set.steps, file.set.features]).toEqual([12, 12, 1])
    expect(file.classNames).toEqual(['El Niño', 'neutral'])
    expect(Array.from(file.set.labels!).slice(0, 3)).toEqual([1, 1, 1].map((_, i) => ((1990 + i) % 4 === 0 ? 0 : 1)))
    // YEAR is the id, not a step: the first value is January's.
    expect(rounded(file.set.data.subarray(0, 2))).toEqual([24.02, 24.04])
  })

  it('takes --id-column and --label-column by name, and names a column that is not there', async () => {
    const file = await readSequenceFile({ path: fixture('wide-elnino.csv') }, { format: 'wide', idColumn: 'YEAR', labelColumn: 'CLASS' })
    expect(file.set.steps).toBe(12)
    await expect(readSequenceFile({ path: fixture('wide-elnino.csv') }, { format: 'wide', labelColumn: 'kind' })).rejects.toThrow(
      `${fixture('wide-elnino.csv')} has no column "kind" (--label-column); its columns are: YEAR, JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC, CLASS`,
    )
  })

  it('reads YYYYMMDD integers as days', async () => {
    const r = await readRecordingFile({ path: fixture('recording-yyyymmdd.csv') }, {})
    expect(r.timeFormat).toBe('yyyymmdd')
    expect(iso(r.times[0])).toBe('2023-12-20T00:00:00.000Z')
    expect(iso(r.times[12])).toBe('2024-01-01T00:00:00.000Z')
    expect(r.times[1] - r.times[0]).toBe(86_400_000)
  })

  it('refuses a missing value by default, naming its line and column and the flag', async () => {
    await expect(readRecordingFile({ path: fixture('recording-gaps.csv') }, {})).rejects.toThrow(
      `${fixture('recording-gaps.csv')}, line 6, column 3 (b): the value is missing; to fill gaps from their neighbours choose “interpolate” for missing values (--missing interpolate), or “drop” to leave out such rows (--missing drop)`,
    )
  })

  it('interpolates gaps linearly in time, or drops their rows', async () => {
    const filled = await readRecordingFile({ path: fixture('recording-gaps.csv') }, { missing: 'interpolate' })
    expect(filled.times.length).toBe(30)
    expect(filled.values[4 * 2 + 1]).toBe(8) // b between 6 and 10
    expect([filled.values[10 * 2], filled.values[11 * 2]]).toEqual([10, 11]) // a between 9 and 12, NA twice
    const dropped = await readRecordingFile({ path: fixture('recording-gaps.csv') }, { missing: 'drop' })
    expect(dropped.times.length).toBe(27)
    expect(Array.from(dropped.values.subarray(6, 10))).toEqual([3, 6, 5, 10])
  })

  it('refuses a repeated time and a time that goes back, naming both lines', async () => {
    await expect(readRecordingFile({ path: fixture('recording-duplicate.csv') }, {})).rejects.toThrow(
      `${fixture('recording-duplicate.csv')}, line 5 has time 2024-01-03 again (line 4 has it too); each time may appear once (or --resample averages the rows of each period)`,
    )
    await expect(readRecordingFile({ path: fixture('recording-unordered.csv') }, {})).rejects.toThrow(
      `${fixture('recording-unordered.csv')}, line 6 has time 2024-01-02, before 2024-01-04 on line 5; rows must be in time order`,
    )
  })

  it('resamples irregular times to a period by the mean, an empty period a gap handled as asked', async () => {
    await expect(readRecordingFile({ path: fixture('recording-irregular.csv') }, { resample: '1h' })).rejects.toThrow(
      `${fixture('recording-irregular.csv')}: no row of the period starting 2024-02-01T05:00:00Z has a value of "temp"; to fill gaps from their neighbours choose “interpolate”`,
    )
    const r = await readRecordingFile({ path: fixture('recording-irregular.csv') }, { resample: '1h', missing: 'interpolate', keepTimeText: true })
    expect(r.times.length).toBe(30)
    expect(r.timeTexts!.slice(0, 2)).toEqual(['2024-02-01T00:00:00Z', '2024-02-01T01:00:00Z'])
    // Hour 0: 0, 2, 4 → 2; hour 1: 11, 15 → 13; hour 5 (empty) between hour 4 (42) and hour 6 (62).
    expect(Array.from(r.values.subarray(0, 2))).toEqual([2, 13])
    expect(r.values[5]).toBe(52)
    const dropped = await readRecordingFile({ path: fixture('recording-irregular.csv') }, { resample: '1h', missing: 'drop' })
    expect(dropped.times.length).toBe(29)
    await expect(readRecordingFile({ path: fixture('recording-irregular.csv') }, { resample: '10' })).rejects.toThrow('resample "10" needs a unit')
  })

  it('reads the same recording from Parquet (written by parquet-wasm) and Arrow IPC (written by apache-arrow)', async () => {
    const fromParquet = await readRecordingFile({ path: fixture('recording.parquet') }, { missing: 'interpolate' })
    const fromArrow = await readRecordingFile({ path: fixture('recording.arrow') }, { missing: 'interpolate' })
    for (const r of [fromParquet, fromArrow]) {
      expect(r.read).toMatchObject({ timeColumn: 'time', features: ['temp', 'flow'], labelColumn: 'label', delimiter: null })
      expect(r.times.length).toBe(40)
      expect(iso(r.times[2])).toBe('2024-05-01T00:02:00.000Z')
      expect(r.labels!.indexOf(1)).toBe(30)
    }
    expect(Array.from(fromArrow.values)).toEqual(Array.from(fromParquet.values))
    expect(Array.from(fromArrow.times)).toEqual(Array.from(fromParquet.times))
    // Row 9 counts the header as row 1: the missing temp is the 8th data row.
    await expect(readRecordingFile({ path: fixture('recording.parquet') }, {})).rejects.toThrow(
      `${fixture('recording.parquet')}, row 9, column "temp": the value is missing; to fill gaps from their neighbours choose “interpolate”`,
    )
  })

  it('reads a Parquet file row group by row group, in order, and names a bad row counted across the groups', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-parquet-groups-'))
    try {
      const file = path.join(dir, 'groups.parquet')
      const rows = 2_500
      const temp = Float64Array.from({ length: rows }, (_, i) => i / 10)
      const write = (values: ArrayLike<number | null>) =>
        parquetWriteFile({
          filename: file,
          rowGroupSize: 1_000,
          columnData: [
            { name: 'time', data: Int32Array.from({ length: rows }, (_, i) => i), type: 'INT32' },
            { name: 'temp', data: Array.from(values), type: 'DOUBLE' },
          ],
        })
      write(temp)
      const r = await readRecordingFile({ path: file }, {})
      expect(Array.from(r.times)).toEqual(Array.from({ length: rows }, (_, i) => i))
      expect(Array.from(r.values)).toEqual(Array.from(new Float32Array(temp))) // values are kept as float32
      // A gap in the third group: row 2,102 counting the header as row 1.
      write(Array.from(temp, (v, i) => (i === 2_100 ? null : v)))
      await expect(readRecordingFile({ path: file }, {})).rejects.toThrow(`${file}, row 2102, column "temp": the value is missing`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

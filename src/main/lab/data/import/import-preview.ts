import type { ImportOptionsInput } from '../../../../shared/datasets'
import { isUserError } from '../../../../shared/errors'
import type { ColumnRole, ImportPreview, PreviewCell } from '../../../../shared/recordings'
import { MAX_UPLOAD_BYTES } from '../../../../shared/datasets'
import { recordingColumns, rolesOf, wideColumns, type TableSample } from './column-roles'
import { ImportFile, type ImportInput } from './import-file'
import { readSequenceFile } from './sequence-file'
import { resolveFormat } from './table-file'

/** Rows a preview shows. */
const PREVIEW_ROWS = 8

/**
 * What importing a file with these options would do, storing nothing: the format it is read as,
 * its first rows as parsed with each column's role, and the windows (a recording) or series it
 * makes — or the sentence the import would refuse it with.
 */
export async function previewImport(input: ImportInput, options: Omit<ImportOptionsInput, 'name' | 'normalisation'>): Promise<ImportPreview> {
  const file = await ImportFile.open(input, MAX_UPLOAD_BYTES)
  const { format, table } = await resolveFormat(file, options.format, options)
  let columns: { name: string; role: ColumnRole }[] = []
  let problem: string | null = null
  try {
    columns = table ? columnRoles(table, format, options) : []
  } catch (e) {
    if (!isUserError(e)) throw e
    problem = e.message
    columns = table ? table.source.header.map((name) => ({ name, role: 'ignored' as const })) : []
  }
  const rows: PreviewCell[][] = table ? table.rows.slice(0, PREVIEW_ROWS) : []
  const base = { fileName: file.fileName, format, container: table?.source.container ?? null, columns, rows }
  if (problem) return { ...base, recording: null, series: null, problem }
  try {
    const read = await readSequenceFile(input, { ...options, maxBytes: MAX_UPLOAD_BYTES })
    const r = read.recording
    return {
      ...base,
      recording: r
        ? { timeFormat: r.recording.timeFormat, timestamps: r.layout.timestamps, firstTime: r.recording.times[0], lastTime: r.recording.times[r.recording.times.length - 1], layout: r.layout }
        : null,
      series: r ? null : { count: read.set.count, steps: read.set.steps },
      problem: read.set.count < 2 ? `${file.fileName} holds only 1 series; a dataset needs at least 2 (some are held out for testing)` : null,
    }
  } catch (e) {
    if (!isUserError(e)) throw e
    return { ...base, recording: null, series: null, problem: e.message }
  }
}

function columnRoles(table: TableSample, format: string, options: Omit<ImportOptionsInput, 'name' | 'normalisation'>): { name: string; role: ColumnRole }[] {
  const { header } = table.source
  let roles: ColumnRole[]
  if (format === 'series') {
    const c = recordingColumns(table, options)
    roles = rolesOf(header, { time: [c.time], feature: c.features, label: c.label === null ? [] : [c.label] })
  } else if (format === 'wide') {
    const c = wideColumns(table, options)
    roles = rolesOf(header, { id: c.id === null ? [] : [c.id], label: c.label === null ? [] : [c.label], step: c.steps })
  } else {
    roles = header.map(() => 'ignored')
  }
  return header.map((name, i) => ({ name, role: roles[i] }))
}

import type { ImportOptionsInput } from '../../../../shared/datasets'
import { formatRecordingTime, type ImportPreview, type RecordingLayout } from '../../../../shared/recordings'

/** The import form's fields for tables with a header, as typed (empty: the Lab decides). */
export interface TableFields {
  delimiter: string
  timeColumn: string
  timeFormat: string
  features: string
  labelColumn: string
  idColumn: string
  window: string
  stride: string
  missing: string
  resample: string
}

export const emptyTableFields = (): TableFields => ({
  delimiter: '',
  timeColumn: '',
  timeFormat: '',
  features: '',
  labelColumn: '',
  idColumn: '',
  window: '',
  stride: '',
  missing: 'refuse',
  resample: '',
})

const text = (v: string) => (v.trim() === '' ? undefined : v.trim())
const whole = (v: string) => (v.trim() === '' ? undefined : Number(v))

/** The fields as import options (`seqvae import`'s flags); the Lab checks them and says what is wrong. */
export function tableOptions(f: TableFields): Partial<ImportOptionsInput> {
  return {
    delimiter: text(f.delimiter) as ImportOptionsInput['delimiter'],
    timeColumn: text(f.timeColumn),
    timeFormat: text(f.timeFormat) as ImportOptionsInput['timeFormat'],
    features: text(f.features)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    labelColumn: text(f.labelColumn),
    idColumn: text(f.idColumn),
    window: whole(f.window),
    stride: whole(f.stride),
    missing: f.missing as ImportOptionsInput['missing'],
    resample: text(f.resample),
  }
}

/** "3,112 windows of 64 every 16: 2,400 to train and validate on (timestamps 0–9,599), a gap of one window, 600 for evaluation (…)". */
export function windowsSentence(preview: NonNullable<ImportPreview['recording']>): string {
  const { layout } = preview
  const count = (n: number) => n.toLocaleString('en-US')
  const span = (s: RecordingLayout['pool']) => `timestamps ${count(s.from)}–${count(s.to - 1)}`
  return (
    `${count(layout.timestamps)} timestamps (${formatRecordingTime(preview.firstTime, preview.timeFormat)} → ${formatRecordingTime(preview.lastTime, preview.timeFormat)}) ` +
    `cut into ${count(layout.poolWindows + layout.testWindows)} windows of ${layout.window} every ${layout.stride}: ` +
    `${count(layout.poolWindows)} to train and validate on (${span(layout.pool)}), a gap of one window, ${count(layout.testWindows)} for evaluation (${span(layout.test)})`
  )
}

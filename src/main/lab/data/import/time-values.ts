import { formatRecordingTime, type TimeFormat } from '../../../../shared/recordings'
import { isMissing, numberCell, type Cell } from './tables/table-cells'

/**
 * Reading a time column: ISO 8601 dates and date-times, YYYYMMDD integers, seconds or milliseconds
 * since 1970, or plain numbers. Dates become milliseconds since 1970 UTC; a date-time without an
 * offset is read as UTC (a file says nothing about its time zone, and UTC has no daylight-saving
 * jumps that would make hours repeat).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/

/** Seconds since 1970 between 2000 and 2100: numbers there are taken for epoch seconds (ms: ×1000). */
const EPOCH_SECONDS: [number, number] = [946_684_800, 4_102_444_800]

export const TIME_FORMAT_WORDS: Record<TimeFormat, string> = {
  iso: 'an ISO 8601 date or date-time',
  yyyymmdd: 'a YYYYMMDD date',
  'epoch-s': 'a number of seconds since 1970',
  'epoch-ms': 'a number of milliseconds since 1970',
  number: 'a number',
}

function validDate(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day)
  const d = new Date(ms)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined
}

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text.trim())
  if (!m) return undefined
  const day = validDate(Number(m[1]), Number(m[2]), Number(m[3]))
  if (day === undefined) return undefined
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)]
  if (h > 23 || min > 59 || s > 60) return undefined
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0
  let offset = 0
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1
    const digits = m[8].slice(1).replace(':', '')
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
  }
  return day + ((h * 60 + min) * 60 + s) * 1000 + fraction - offset
}

function parseYyyymmdd(cell: Cell): number | undefined {
  const text = typeof cell === 'number' ? (Number.isInteger(cell) ? String(cell) : '') : String(cell).trim()
  const m = YYYYMMDD.exec(text)
  return m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined
}

/** A time cell as a number: NaN when missing, undefined when it is not a time of this format. */
export function parseTime(cell: Cell, format: TimeFormat): number | undefined {
  if (isMissing(cell)) return Number.NaN
  switch (format) {
    case 'iso':
      return typeof cell === 'string' ? parseIso(cell) : undefined
    case 'yyyymmdd':
      return parseYyyymmdd(cell)
    case 'epoch-s':
    case 'epoch-ms':
    case 'number': {
      const v = numberCell(cell, false)
      if (v === undefined || Number.isNaN(v)) return undefined
      return format === 'epoch-s' ? v * 1000 : v
    }
  }
}

/**
 * The format every present value of a column reads as, trying dates before numbers; null when the
 * values are not times (text that is not a date, or nothing present).
 */
export function detectTimeFormat(cells: readonly Cell[]): TimeFormat | null {
  const present = cells.filter((c) => !isMissing(c))
  if (present.length === 0) return null
  const all = (format: TimeFormat) => present.every((c) => parseTime(c, format) !== undefined)
  if (all('iso')) return 'iso'
  if (!all('number')) return null
  if (all('yyyymmdd')) return 'yyyymmdd'
  const numbers = present.map((c) => parseTime(c, 'number')!)
  const within = ([lo, hi]: [number, number]) => numbers.every((v) => v >= lo && v <= hi)
  if (within(EPOCH_SECONDS)) return 'epoch-s'
  if (within([EPOCH_SECONDS[0] * 1000, EPOCH_SECONDS[1] * 1000])) return 'epoch-ms'
  return 'number'
}

/** A time as people read it (shared with the app, which draws recordings on their own time axis). */
export const formatTime = formatRecordingTime

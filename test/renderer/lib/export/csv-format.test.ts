import { describe, expect, it } from 'vitest'
import { toCsv, toJsonRecords } from '../../../../src/renderer/src/lib/export/csv-format'

describe('CSV and JSON export', () => {
  const table = { columns: ['id', 'name', 'valLoss', 'notes'], rows: [[1, 'plain', 0.1234567890123, ''], [2, 'a, "quoted"\nname', Number.NaN, null]] }

  it('quotes only what needs quoting and keeps full precision', () => {
    expect(toCsv(table)).toBe('id,name,valLoss,notes\r\n1,plain,0.1234567890123,\r\n2,"a, ""quoted""\nname",NaN,\r\n')
  })

  it('gives the same rows as objects keyed by column', () => {
    expect(toJsonRecords(table)).toEqual([
      { id: 1, name: 'plain', valLoss: 0.1234567890123, notes: '' },
      { id: 2, name: 'a, "quoted"\nname', valLoss: Number.NaN, notes: null },
    ])
  })
})

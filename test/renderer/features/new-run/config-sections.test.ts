import { describe, expect, it } from 'vitest'
import { CONFIG_KEYS } from '../../../../src/shared/run-config-fields'
import { CONFIG_SECTIONS } from '../../../../src/renderer/src/features/new-run/config-sections'

describe('new-run form sections', () => {
  it('place every config field exactly once, so a new schema field cannot go missing from the form', () => {
    const placed = CONFIG_SECTIONS.flatMap((section) => section.keys)
    expect([...placed].sort()).toEqual([...CONFIG_KEYS].sort())
  })
})

import { describe, expect, it } from 'vitest'
import { virtualWindow } from '../../../../../src/renderer/src/features/runs/table/virtual-window'

describe('virtual window', () => {
  it('renders the visible rows plus overscan and pads the rest', () => {
    const w = virtualWindow(440, 400, 44, 1000, 5)
    // Rows 10…20 intersect [440, 840); five more on each side.
    expect(w).toEqual({ start: 5, end: 26, padTop: 5 * 44, padBottom: 974 * 44 })
  })

  it('stays inside the list at both ends and for short lists', () => {
    expect(virtualWindow(0, 400, 44, 1000, 5).start).toBe(0)
    expect(virtualWindow(1e9, 400, 44, 1000, 5)).toMatchObject({ end: 1000, padBottom: 0 })
    expect(virtualWindow(0, 400, 44, 3, 5)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 })
    expect(virtualWindow(0, 400, 44, 0, 5)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 })
  })
})

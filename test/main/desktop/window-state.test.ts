import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { backgroundColour, DEFAULT_SIZE, placeWindow, readWindowState, writeWindowState } from '../../../src/main/desktop/window-state'
import { useTempDirs } from '../../helpers/temp-dir'

const LAPTOP = { x: 0, y: 0, width: 1440, height: 900 }
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('the window comes back where it was', () => {
  const tempDir = useTempDirs()

  it('restores saved bounds that are on a display, and shrinks them to fit it', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1800, height: 1100 }, [LAPTOP, MONITOR])).toEqual({ x: 1600, y: 100, width: 1800, height: 1100 })
    expect(placeWindow({ x: 10, y: 10, width: 3000, height: 2000 }, [LAPTOP])).toEqual({ x: 10, y: 10, width: 1440, height: 900 })
  })

  it('forgets a position on a display that is gone (the monitor was unplugged): default size, centred', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1800, height: 1100 }, [LAPTOP])).toEqual({ width: DEFAULT_SIZE.width, height: 860 })
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700 })
  })

  it('keeps size, position, maximised state and theme in a file, and survives a missing or damaged one', () => {
    const file = path.join(tempDir(), 'sub', 'window-state.json')
    expect(readWindowState(file)).toEqual({ bounds: null, maximized: false, theme: 'auto' })
    writeWindowState(file, { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true, theme: 'dark' })
    expect(readWindowState(file)).toEqual({ bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true, theme: 'dark' })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true })
    writeFileSync(file, '{"bounds": {"x": "left"}, "maximized": "yes", "theme": "purple"')
    expect(readWindowState(file)).toEqual({ bounds: null, maximized: false, theme: 'auto' })
  })

  it('paints the page’s own background before it loads, in the chosen or the system’s theme', () => {
    expect(backgroundColour('dark', false)).toBe('#0f1216')
    expect(backgroundColour('light', true)).toBe('#f5f6f8')
    expect(backgroundColour('auto', true)).toBe('#0f1216')
    expect(backgroundColour('auto', false)).toBe('#f5f6f8')
    // The same colours as the page's --bg, so nothing changes when it paints.
    const theme = readFileSync(path.join(__dirname, '../../../src/renderer/src/styles/theme.css'), 'utf8')
    expect(theme).toContain('--bg: light-dark(#f5f6f8, #0f1216);')
  })
})

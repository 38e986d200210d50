import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { DesktopTheme } from '../../shared/desktop-bridge'

/** What the window looked like when it last closed, and the page's theme, kept in the user-data folder. */
export interface WindowState {
  bounds: Rectangle | null
  maximized: boolean
  theme: DesktopTheme
}

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_SIZE = { width: 1280, height: 860 }
export const MIN_SIZE = { width: 720, height: 480 }
/** A saved window must show at least this much of itself on some display to be put back there. */
const MIN_VISIBLE = { width: 160, height: 90 }

const DEFAULT_STATE: WindowState = { bounds: null, maximized: false, theme: 'auto' }

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isRectangle = (v: unknown): v is Rectangle => {
  const r = v as Partial<Rectangle> | null
  return r !== null && typeof r === 'object' && isNumber(r.x) && isNumber(r.y) && isNumber(r.width) && isNumber(r.height)
}

/** The saved state, or the defaults when there is none or it cannot be read (a new install, a damaged file). */
export function readWindowState(file: string): WindowState {
  let saved: Partial<WindowState>
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>
  } catch {
    return DEFAULT_STATE
  }
  return {
    bounds: isRectangle(saved.bounds) ? saved.bounds : null,
    maximized: saved.maximized === true,
    theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'auto',
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(temporary, file)
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Where to open the window: the saved bounds when enough of them is on one of today's displays
 * (a monitor may have been unplugged since), shrunk to fit that display; otherwise the default
 * size, centred by the window manager (no position).
 */
export function placeWindow(saved: Rectangle | null, workAreas: readonly Rectangle[]): Partial<Rectangle> & { width: number; height: number } {
  if (saved) {
    const area = workAreas.find((a) => {
      const o = overlap(saved, a)
      return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height
    })
    if (area) {
      const width = Math.max(MIN_SIZE.width, Math.min(saved.width, area.width))
      const height = Math.max(MIN_SIZE.height, Math.min(saved.height, area.height))
      return { x: Math.round(saved.x), y: Math.round(saved.y), width, height }
    }
  }
  const largest = [...workAreas].sort((a, b) => b.width * b.height - a.width * a.height)[0]
  return {
    width: largest ? Math.max(MIN_SIZE.width, Math.min(DEFAULT_SIZE.width, largest.width)) : DEFAULT_SIZE.width,
    height: largest ? Math.max(MIN_SIZE.height, Math.min(DEFAULT_SIZE.height, largest.height)) : DEFAULT_SIZE.height,
  }
}

/** The page's background in each theme (theme.css `--bg`), painted before the page loads. */
export function backgroundColour(theme: DesktopTheme, systemPrefersDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'auto' && systemPrefersDark)
  return dark ? '#0f1216' : '#f5f6f8'
}

import { BrowserWindow, nativeTheme, screen } from 'electron'
import type { WorkbenchPage } from '../ipc/workbench-page'
import { backgroundColour, MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state'

export interface MainWindowOptions {
  page: WorkbenchPage
  /** The built preload, `out/preload/index.js`. */
  preload: string
  /** Where size, position, maximised state and theme are kept between launches. */
  stateFile: string
  /** The app icon (Linux and Windows use it for the window; macOS takes the bundle's). */
  icon: string
}

/**
 * The workbench window: back where it was last time (if that is still on a screen), painted in the
 * page's background colour from the first frame, and shown only once the page has rendered, so
 * there is never a white flash. Its title follows the page's (the run on screen).
 */
export function openMainWindow({ page, preload, stateFile, icon }: MainWindowOptions): BrowserWindow {
  const state = readWindowState(stateFile)
  const placement = placeWindow(
    state.bounds,
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...placement,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'SeqVAE Workbench',
    icon,
    show: false,
    backgroundColor: backgroundColour(state.theme, nativeTheme.shouldUseDarkColors),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  if (state.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    // The theme may have changed while the window was open: read it back rather than keep a copy.
    writeWindowState(stateFile, { ...readWindowState(stateFile), bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  })
  void window.loadURL(page.url.href)
  return window
}

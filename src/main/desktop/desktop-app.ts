/**
 * The Electron shell: one window onto the renderer, the Lab in this process with its database in
 * the user-data folder, training in utility processes, the contract over IPC, and what makes it a
 * desktop app rather than a page in a frame (menu, native dialogs, remembered window, log file).
 * It adds no behaviour to the Lab; the Lab does the work.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeTheme, session, shell, type WebContents } from 'electron'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RunId } from '../../shared/api'
import { DESKTOP_CHANNELS, type DesktopCommand, type DesktopTheme } from '../../shared/desktop-bridge'
import { UserError } from '../../shared/errors'
import { RUN_EVENT_CHANNEL } from '../../shared/ipc-protocol'
import { registerApiHandlers } from '../ipc/api-handlers'
import { WorkbenchPage } from '../ipc/workbench-page'
import { resolveDataDir } from '../lab/data-dir'
import { findAppRoot, Lab } from '../lab/lab'
import { aboutDetail } from './about'
import { startAppLog } from './app-log'
import { appMenuTemplate } from './app-menu'
import { labCompute, readComputeSetting, writeComputeSetting } from './compute-setting'
import { chooseImportFile, exportModelWithDialog } from './desktop-dialogs'
import { openMainWindow } from './main-window'
import { UtilityProcessLauncher } from './utility-process-launcher'
import { readWindowState, writeWindowState } from './window-state'

/**
 * What `npm run build` writes: out/main/index.js (this process), out/main/training-worker.js,
 * out/preload/index.js and out/renderer/. Located from the app's root, so it is the same from the
 * bundle, the sources, and an installed app (where the root is resources/app.asar).
 */
const OUT_DIR = path.join(findAppRoot(), 'out')

/** The running app's parts, for the plain-Node wiring test. */
export interface DesktopApp {
  lab: Lab
  page: WorkbenchPage
  window: BrowserWindow
}

function workbenchPage(): WorkbenchPage {
  // electron-vite sets this under `electron-vite dev`; otherwise the built page is loaded from disk.
  const devServerUrl = process.env['ELECTRON_RENDERER_URL']
  return new WorkbenchPage(devServerUrl ? new URL(devServerUrl) : pathToFileURL(path.join(OUT_DIR, 'renderer', 'index.html')))
}

/** The analysis worker's bundle; before `npm run build` has written it (the wiring test runs this file from source), the Lab's TypeScript default. */
function builtAnalysisWorker(): string | undefined {
  const bundle = path.join(OUT_DIR, 'main', 'analysis-worker.js')
  return existsSync(bundle) ? bundle : undefined
}

/** The one-sentence reason the Lab could not open, shown in a dialog before the app quits. */
function openLabOrExplain(dataDir: string): Lab | null {
  try {
    return Lab.open({
      // The same folder the CLI uses ($SEQVAE_DATA_DIR, else the platform's user-data folder for
      // "SeqVAE Workbench"), so `seqvae runs` and the window show the same runs.
      dataDir,
      launcher: new UtilityProcessLauncher(path.join(OUT_DIR, 'main', 'training-worker.js')),
      analysisWorker: builtAnalysisWorker(),
      adoptQueued: true,
      // Where it trains: this computer, or a queue (the Compute setting, read once at start).
      ...labCompute(readComputeSetting(app.getPath('userData')), dataDir),
    })
  } catch (e) {
    const sentence = e instanceof UserError ? e.message : `an unexpected error: ${(e as Error)?.message ?? String(e)}`
    console.error('SeqVAE Workbench cannot start:', e instanceof UserError ? sentence : e)
    dialog.showErrorBox('SeqVAE Workbench cannot start', `${sentence}\n\nThe app will now quit; nothing was changed.`)
    return null
  }
}

/** Starts the app: call once from the main bundle's entry point. */
export function startDesktopApp(): Promise<DesktopApp | null> {
  app.enableSandbox()
  // Two instances would be two writers on one database.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return Promise.resolve(null)
  }
  const page = workbenchPage()
  guardWebContents(page)
  return app.whenReady().then(() => start(page))
}

function start(page: WorkbenchPage): DesktopApp | null {
  const logFile = startAppLog(app.getPath('logs'))
  const dataDir = resolveDataDir(undefined)
  const lab = openLabOrExplain(dataDir)
  if (!lab) {
    app.exit(1)
    return null
  }
  const stateFile = path.join(app.getPath('userData'), 'window-state.json')
  const isWorkbenchFrame = (frame: Electron.WebFrameMain | null) => page.isWorkbenchFrame(frame)
  registerApiHandlers(lab, isWorkbenchFrame)
  nativeTheme.themeSource = themeSource(readWindowState(stateFile).theme)

  const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  const sendCommand = (command: DesktopCommand) => focused()?.webContents.send(DESKTOP_CHANNELS.command, command)
  const refused = { ok: false, message: 'Only the workbench page may use the desktop bridge.' } as const
  ipcMain.handle(DESKTOP_CHANNELS.chooseImportFile, (event) => (isWorkbenchFrame(event.senderFrame) ? chooseImportFile(windowOf(event.sender)) : refused))
  ipcMain.handle(DESKTOP_CHANNELS.exportModel, (event, runId: unknown) => {
    if (!isWorkbenchFrame(event.senderFrame)) return refused
    if (!Number.isInteger(runId) || (runId as number) < 1) return { ok: false, message: 'runId must be a positive integer' }
    return exportModelWithDialog(lab, windowOf(event.sender), runId as RunId)
  })
  ipcMain.handle(DESKTOP_CHANNELS.getComputeSetting, (event) =>
    isWorkbenchFrame(event.senderFrame) ? { ok: true, value: readComputeSetting(app.getPath('userData')) } : refused,
  )
  ipcMain.handle(DESKTOP_CHANNELS.setComputeSetting, (event, setting: unknown) => {
    if (!isWorkbenchFrame(event.senderFrame)) return refused
    try {
      writeComputeSetting(app.getPath('userData'), setting)
      return { ok: true, value: undefined }
    } catch (e) {
      return { ok: false, message: e instanceof UserError ? e.message : `the setting could not be saved (${(e as Error).message})` }
    }
  })
  ipcMain.on(DESKTOP_CHANNELS.setTheme, (event, choice: unknown) => {
    if (!isWorkbenchFrame(event.senderFrame) || (choice !== 'auto' && choice !== 'light' && choice !== 'dark')) return
    writeWindowState(stateFile, { ...readWindowState(stateFile), theme: choice })
    nativeTheme.themeSource = themeSource(choice)
  })

  const menu = appMenuTemplate(process.platform, {
    importDataset: () =>
      void chooseImportFile(focused()).then((reply) => {
        if (!reply.ok) dialog.showErrorBox('Import dataset', reply.message)
        else if (reply.value) sendCommand({ type: 'import-file', file: reply.value })
      }),
    exportModel: () => sendCommand({ type: 'export-model' }),
    openDataFolder: () => void shell.openPath(dataDir),
    openLogs: () => void shell.openPath(logFile),
    showAbout: () => void showAbout(dataDir, logFile),
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu))

  lab.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(RUN_EVENT_CHANNEL, event)
    }
  })
  // The workbench needs no camera, notifications or the like: refuse every permission prompt.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  let closing = false
  app.on('before-quit', (event) => {
    if (closing) return
    // Let running jobs stop and the database close cleanly before the process goes.
    event.preventDefault()
    closing = true
    void lab.close().finally(() => app.quit())
  })
  app.on('second-instance', () => focused()?.focus())
  app.on('window-all-closed', () => app.quit())
  const window = openMainWindow({
    page,
    preload: path.join(OUT_DIR, 'preload', 'index.js'),
    stateFile,
    icon: path.join(findAppRoot(), 'resources', 'icons', 'icon.png'),
  })
  return { lab, page, window }
}

const themeSource = (theme: DesktopTheme) => (theme === 'auto' ? 'system' : theme)

const windowOf = (contents: WebContents) => BrowserWindow.fromWebContents(contents) ?? undefined

async function showAbout(dataDir: string, logFile: string): Promise<void> {
  const detail = aboutDetail({ appVersion: app.getVersion(), versions: process.versions, engine: Lab.describeTrainingEngine(), dataDir, logFile })
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: 'About SeqVAE Workbench',
    message: 'SeqVAE Workbench',
    detail,
    buttons: ['OK', 'Copy details'],
    defaultId: 0,
  })
  if (response === 1) clipboard.writeText(`SeqVAE Workbench\n${detail}`)
}

/** Every web contents (windows, and anything that might appear later) stays on our page. */
function guardWebContents(page: WorkbenchPage): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!page.isOurs(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!page.isOurs(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

/**
 * The Electron shell: one window onto the renderer, the Lab in this process with its database in
 * the user-data directory, training in utility processes, and the contract over IPC. It adds no
 * behaviour of its own; the Lab does the work.
 */
import { app, BrowserWindow, session } from 'electron'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { RUN_EVENT_CHANNEL } from '../shared/ipc-protocol'
import { UtilityProcessLauncher } from './electron-worker-launcher'
import { registerApiHandlers } from './ipc/api-handlers'
import { WorkbenchPage } from './ipc/workbench-page'
import { resolveDataDir } from './lab/data-dir'
import { Lab } from './lab/lab'

// electron-vite sets this under `electron-vite dev`; otherwise the built page is loaded from disk.
const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const page = new WorkbenchPage(devServerUrl ? new URL(devServerUrl) : pathToFileURL(path.join(__dirname, '../renderer/index.html')))

app.enableSandbox()

// Two instances would be two writers on one database.
if (!app.requestSingleInstanceLock()) app.quit()
else void app.whenReady().then(start)

function start(): void {
  const lab = Lab.open({
    // The same directory the CLI uses ($SEQVAE_DATA_DIR, else the platform's user-data folder for
    // "SeqVAE Workbench"), so `seqvae runs` and the window show the same runs.
    dataDir: resolveDataDir(undefined),
    launcher: new UtilityProcessLauncher(path.join(__dirname, 'training-worker.js')),
    adoptQueued: true,
  })
  registerApiHandlers(lab, (frame) => page.isWorkbenchFrame(frame))
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
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('window-all-closed', () => app.quit())
  openWindow()
}

function openWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'SeqVAE Workbench',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(page.url.href)
}

// Every web contents (windows, and anything that might appear later) stays on our page.
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

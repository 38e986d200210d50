/**
 * The `electron` module as the main process's start-up code uses it, for running that code under
 * plain Node (test/main/desktop). It is the outermost edge only: it records what the app asks of
 * Electron (IPC handlers, windows, menus, dialogs) and answers with plain values. Training
 * processes, which Electron starts with utilityProcess.fork, are real child processes running the
 * same training worker. It is a check of our wiring, not a stand-in for Electron: the real app is
 * exercised by test/electron/electron-app.smoke.test.ts where the binary exists.
 */
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import path from 'node:path'

type Handler = (event: unknown, ...args: unknown[]) => unknown

const WORKER_SOURCE = path.join(__dirname, '../../src/main/lab/train/training-worker.ts')

class FakeWindow extends EventEmitter {
  static windows: FakeWindow[] = []
  static getAllWindows = () => FakeWindow.windows
  static getFocusedWindow = () => FakeWindow.windows[0] ?? null
  static fromWebContents = () => FakeWindow.windows[0] ?? null
  url: string | null = null
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly webContents = { send: (channel: string, payload: unknown) => this.sent.push({ channel, payload }) }
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeWindow.windows.push(this)
  }
  loadURL(url: string) {
    this.url = url
    return Promise.resolve()
  }
  maximize() {}
  show() {}
  focus() {}
  isDestroyed = () => false
  isMaximized = () => false
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 })
}

/** child_process.fork of the training worker, with the UtilityProcess surface the launcher uses. */
function forkTrainingWorker() {
  const child = fork(WORKER_SOURCE, [], { execArgv: ['--require', require.resolve('tsx/cjs')], serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
  const process = new EventEmitter() as EventEmitter & Record<string, unknown>
  Object.assign(process, {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    postMessage: (message: unknown) => child.connected && child.send(message as object, (error) => void error),
    kill: () => child.kill(),
  })
  child.on('spawn', () => process.emit('spawn'))
  child.on('message', (message) => process.emit('message', message))
  child.on('exit', (code, signal) => process.emit('exit', code ?? (signal ? 1 : 0)))
  return process
}

function createEdge() {
  const handlers = new Map<string, Handler>()
  const listeners = new Map<string, Handler>()
  const errorBoxes: { title: string; content: string }[] = []
  const app = Object.assign(new EventEmitter(), {
    exitCode: null as number | null,
    paths: {} as Record<string, string>,
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath(name: string) {
      const value = app.paths[name]
      if (!value) throw new Error(`the test set no path for app.getPath('${name}')`)
      return value
    },
    getVersion: () => '0.0.0-test',
    quit() {},
    exit(code: number) {
      app.exitCode = code
    },
  })
  return {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle(channel: string, handler: Handler) {
        // As in Electron: a second handler for one channel is a programming error.
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        handlers.set(channel, handler)
      },
      removeHandler: (channel: string) => handlers.delete(channel),
      on: (channel: string, listener: Handler) => listeners.set(channel, listener),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async () => ({ response: 0 }),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (edge.menu = menu) },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
    shell: { openPath: async () => '' },
    clipboard: { writeText() {} },
    utilityProcess: { fork: forkTrainingWorker },
    // What the test reads back.
    handlers,
    listeners,
    errorBoxes,
    windows: FakeWindow.windows,
    menu: null as unknown,
  }
}

export const edge = createEdge()

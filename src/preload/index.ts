/**
 * The preload: exposes `window.workbench`, a WorkbenchApi carried over IPC, and
 * `window.workbenchDesktop`, the native dialogs and menu commands of the desktop app; nothing else.
 * It runs sandboxed, so it may import only `electron` and what the bundler inlines (the method
 * names and channel names, no schemas: the main process validates).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { RunEvent, WorkbenchApi } from '../shared/api'
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../shared/api-methods'
import { DESKTOP_CHANNELS, type DesktopBridge, type DesktopCommand, type DesktopReply } from '../shared/desktop-bridge'
import { channelOf, type IpcReply, RUN_EVENT_CHANNEL } from '../shared/ipc-protocol'

async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channelOf(method), args)) as IpcReply<unknown>
  if (reply.ok) return reply.value
  // contextBridge passes only an Error's message to the page, which is the sentence we want shown.
  throw new Error(reply.failure.message)
}

const methods = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as ApiHandlers

/** Forwards what arrives on an event channel to a listener; returns the function that stops it. */
function listen<T>(channel: string, listener: (value: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, value: T) => listener(value)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

const workbench: WorkbenchApi = {
  ...methods,
  subscribe: (listener: (e: RunEvent) => void) => listen(RUN_EVENT_CHANNEL, listener),
}

async function desktopCall<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, ...args)) as DesktopReply<T>
  if (reply.ok) return reply.value
  throw new Error(reply.message)
}

const workbenchDesktop: DesktopBridge = {
  chooseImportFile: () => desktopCall(DESKTOP_CHANNELS.chooseImportFile),
  exportModel: (runId) => desktopCall(DESKTOP_CHANNELS.exportModel, runId),
  setTheme: (choice) => ipcRenderer.send(DESKTOP_CHANNELS.setTheme, choice),
  onCommand: (listener: (command: DesktopCommand) => void) => listen(DESKTOP_CHANNELS.command, listener),
  getComputeSetting: () => desktopCall(DESKTOP_CHANNELS.getComputeSetting),
  setComputeSetting: (setting) => desktopCall(DESKTOP_CHANNELS.setComputeSetting, setting),
}

contextBridge.exposeInMainWorld('workbench', workbench)
contextBridge.exposeInMainWorld('workbenchDesktop', workbenchDesktop)

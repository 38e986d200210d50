/**
 * The preload: exposes `window.workbench`, a WorkbenchApi carried over IPC, and nothing else. It
 * runs sandboxed, so it may import only `electron` and what the bundler inlines (the method names
 * and channel names, no schemas: the main process validates).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { RunEvent, WorkbenchApi } from '../shared/api'
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../shared/api-methods'
import { channelOf, type IpcReply, RUN_EVENT_CHANNEL } from '../shared/ipc-protocol'

async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channelOf(method), args)) as IpcReply<unknown>
  if (reply.ok) return reply.value
  // contextBridge passes only an Error's message to the page, which is the sentence we want shown.
  throw new Error(reply.failure.message)
}

const methods = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as ApiHandlers

const workbench: WorkbenchApi = {
  ...methods,
  subscribe(listener: (e: RunEvent) => void) {
    const forward = (_event: IpcRendererEvent, runEvent: RunEvent) => listener(runEvent)
    ipcRenderer.on(RUN_EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(RUN_EVENT_CHANNEL, forward)
    }
  },
}

contextBridge.exposeInMainWorld('workbench', workbench)

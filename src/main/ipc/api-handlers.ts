import { ipcMain, type WebFrameMain } from 'electron'
import type { WorkbenchApi } from '../../shared/api'
import { API_METHODS } from '../../shared/api-methods'
import { channelOf, type IpcReply } from '../../shared/ipc-protocol'
import { reply } from './api-reply'

/** Decides whether a frame is the workbench page (top frame of our window, at our URL). */
export type FrameCheck = (frame: WebFrameMain | null) => boolean

const REFUSED: IpcReply<never> = {
  ok: false,
  failure: { message: 'Only the workbench page may call the workbench.', kind: 'forbidden' },
}

/**
 * Registers one `ipcMain.handle` per contract method, all from the dispatch table: the sender
 * frame is checked, the arguments validated, and the Lab method of the same name called.
 * Returns the function that removes them again.
 */
export function registerApiHandlers(api: WorkbenchApi, isWorkbenchFrame: FrameCheck): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, args: unknown) =>
      isWorkbenchFrame(event.senderFrame) ? reply(api, method, args) : REFUSED,
    )
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method))
  }
}

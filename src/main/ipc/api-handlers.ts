import { ipcMain, type WebFrameMain } from 'electron'
import { scopedToSignal, type SignalScoped, type WorkbenchApi } from '../../shared/api'
import { API_METHODS } from '../../shared/api-methods'
import { channelOf, type IpcReply } from '../../shared/ipc-protocol'
import { reply } from './api-reply'
import { SupersededRequests } from './superseded-requests'

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
export function registerApiHandlers(api: WorkbenchApi & Partial<SignalScoped>, isWorkbenchFrame: FrameCheck): () => void {
  const superseded = new SupersededRequests()
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, args: unknown) => {
      if (!isWorkbenchFrame(event.senderFrame)) return REFUSED
      const signal = superseded.signalFor(event.sender.id, method, args)
      try {
        return await reply(signal ? scopedToSignal(api, signal) : api, method, args)
      } finally {
        superseded.settled(event.sender.id, method, args, signal)
      }
    })
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method))
  }
}

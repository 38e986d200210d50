import { ipcMain, type WebFrameMain } from 'electron'
import type { WorkbenchApi } from '../../shared/api'
import { callApi } from '../../shared/api-arguments'
import { failureOf } from '../../shared/api-failure'
import { API_METHODS, type ApiMethod, type ApiResult } from '../../shared/api-methods'
import { channelOf, type IpcReply } from '../../shared/ipc-protocol'

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

async function reply<K extends ApiMethod>(api: WorkbenchApi, method: K, args: unknown): Promise<IpcReply<ApiResult<K>>> {
  try {
    return { ok: true, value: await callApi(api, method, args) }
  } catch (e) {
    const { internal, ...failure } = failureOf(e)
    if (internal) console.error(`workbench: ${method} failed:`, e)
    return { ok: false, failure }
  }
}

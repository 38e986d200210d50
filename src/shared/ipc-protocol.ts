import type { ApiFailure } from './api-failure'
import type { ApiMethod } from './api-methods'

/**
 * The Electron transport of the WorkbenchApi, shared by the main process (`src/main/ipc`) and the
 * preload: one `invoke` channel per method, carrying the argument list, and one channel on which
 * the main process pushes RunEvents. Replies are envelopes rather than thrown errors because
 * Electron rewrites a handler's error into "Error invoking remote method …: Error: …".
 */
export const RUN_EVENT_CHANNEL = 'workbench:event'

export function channelOf(method: ApiMethod): string {
  return `workbench:${method}`
}

export type IpcReply<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure }

import type { WorkbenchApi } from '../../shared/api'
import { callApi } from '../../shared/api-arguments'
import { failureOf } from '../../shared/api-failure'
import type { ApiMethod, ApiResult } from '../../shared/api-methods'
import type { IpcReply } from '../../shared/ipc-protocol'

/**
 * One IPC call as the main process answers it: arguments validated and dispatched through the
 * table, failures turned into sentences. Free of Electron, so the contract test runs its cases
 * through exactly this.
 */
export async function reply<K extends ApiMethod>(api: WorkbenchApi, method: K, args: unknown): Promise<IpcReply<ApiResult<K>>> {
  try {
    return { ok: true, value: await callApi(api, method, args) }
  } catch (e) {
    const { internal, ...failure } = failureOf(e)
    if (internal) console.error(`workbench: ${method} failed:`, e)
    return { ok: false, failure }
  }
}

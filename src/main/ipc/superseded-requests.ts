import type { ApiMethod } from '../../shared/api-methods'

/**
 * The views a window shows one at a time per run: a newer request for one (another score, another
 * page) means the older answer will be thrown away, so its computation is cancelled.
 */
const ONE_AT_A_TIME: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['getAnomalyReport', 'getReconstructions', 'getLatentProjection'])

/**
 * IPC has no "the client left": a window's newer request for the same view of the same run stands
 * for it. Electron-free, so the rule is tested without a window.
 */
export class SupersededRequests {
  private readonly pending = new Map<string, AbortController>()

  /** The signal for this request (aborting the one it replaces), or undefined for a method that is never superseded. */
  signalFor(senderId: number, method: ApiMethod, args: unknown): AbortSignal | undefined {
    if (!ONE_AT_A_TIME.has(method)) return undefined
    const runId = Array.isArray(args) ? args[0] : undefined
    const key = `${senderId}:${method}:${String(runId)}`
    this.pending.get(key)?.abort()
    const controller = new AbortController()
    this.pending.set(key, controller)
    return controller.signal
  }

  /** The request answered: forget its controller unless a newer one took its place. */
  settled(senderId: number, method: ApiMethod, args: unknown, signal: AbortSignal | undefined): void {
    if (!signal) return
    const key = `${senderId}:${method}:${String(Array.isArray(args) ? args[0] : undefined)}`
    if (this.pending.get(key)?.signal === signal) this.pending.delete(key)
  }
}

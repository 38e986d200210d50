import type { WebFrameMain } from 'electron'

/**
 * Where the workbench page lives: the built `index.html` on disk, or the Vite dev server under
 * `electron-vite dev`. Everything the main process trusts (IPC senders, navigation targets) is
 * measured against it.
 */
export class WorkbenchPage {
  constructor(readonly url: URL) {}

  /** The page itself (any hash route of it), not another file or origin. */
  isOurs(candidate: string): boolean {
    let url: URL
    try {
      url = new URL(candidate)
    } catch {
      return false
    }
    if (this.url.protocol === 'file:') return url.protocol === 'file:' && url.pathname === this.url.pathname
    return url.origin === this.url.origin
  }

  /** IPC senders must be the top frame showing our page: no iframes, nothing navigated elsewhere. */
  isWorkbenchFrame(frame: WebFrameMain | null): boolean {
    return frame !== null && frame.parent === null && this.isOurs(frame.url)
  }
}

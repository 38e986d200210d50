import type { WorkbenchApi } from '../../../shared/api'
import { TOKEN_META_NAME } from '../../../shared/http-protocol'
import { createHttpWorkbench } from './http-workbench'

/**
 * The page's one WorkbenchApi: the preload's `window.workbench` inside Electron, otherwise HTTP to
 * the `seqvae serve` that served this page, with the token it wrote into the page.
 */
export function connectWorkbench(): WorkbenchApi {
  if (window.workbench) return window.workbench
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`)?.content
  if (!token) {
    throw new Error('This page has no connection to a workbench: open it from the desktop app, or from the URL `seqvae serve` prints.')
  }
  return createHttpWorkbench({ baseUrl: window.location.origin, token })
}

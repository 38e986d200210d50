import type { ApiFailure } from './api-failure'

/**
 * The HTTP transport of the WorkbenchApi, shared by the server (`src/main/server`) and the browser
 * client (`src/renderer/src/api/http-workbench.ts`):
 *   POST {API_PREFIX}{method}   body: wire JSON of the argument list → 200 `{ result }` or 4xx/5xx `{ error }`
 *   GET  {EVENTS_PATH}          server-sent events, one RunEvent (wire JSON) per `data:` line, `id:` = seq
 * Every API request carries `Authorization: Bearer <token>`; the page gets the token in a meta tag.
 */
export const API_PREFIX = '/api/'
export const EVENTS_PATH = '/api/events'
export const TOKEN_META_NAME = 'seqvae-token'
/** Longest request body the server reads (a decode request for 100,000 codes of 64 dims fits). */
export const MAX_REQUEST_BYTES = 48 * 1024 * 1024

export interface ErrorBody {
  error: ApiFailure
}

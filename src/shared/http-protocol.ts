import type { ApiFailure } from './api-failure'
import type { ApiMethod } from './api-methods'
import { MAX_UPLOAD_BYTES } from './datasets'

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

/**
 * An upload's request: the file's bytes as base64 (4/3 of MAX_UPLOAD_BYTES), plus room for a
 * labels file (an npy of int64 labels for 2 million series) and the JSON around them.
 */
export const MAX_UPLOAD_REQUEST_BYTES = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 24 * 1024 * 1024

/** The body limit for one method: only an import carries a file; every other call keeps the small limit. */
export function maxRequestBytes(method: ApiMethod): number {
  return method === 'importDataset' ? MAX_UPLOAD_REQUEST_BYTES : MAX_REQUEST_BYTES
}

export interface ErrorBody {
  error: ApiFailure
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import { scopedToSignal, type SignalScoped, type WorkbenchApi } from '../../shared/api'
import { callApi } from '../../shared/api-arguments'
import { type ApiMethod, isApiMethod } from '../../shared/api-methods'
import { type ErrorKind, failureOf } from '../../shared/api-failure'
import { UserError } from '../../shared/errors'
import { type ErrorBody, maxRequestBytes } from '../../shared/http-protocol'
import { decodeWire, encodeWire } from '../../shared/wire-codec'

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
}

/** `POST /api/<method>` with the wire-encoded argument list: the HTTP face of the dispatch table. */
export async function handleApiCall(api: WorkbenchApi & Partial<SignalScoped>, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (!isApiMethod(method)) throw new UserError(`there is no API method called "${method}"`, 'not-found')
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      sendJson(res, 405, errorBody(`${method} must be called with POST`, 'invalid'))
      return
    }
    // Requiring JSON also keeps out HTML forms, which can only post form encodings or plain text.
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, errorBody('API calls must send their arguments as application/json', 'invalid'))
      return
    }
    const args = decodeWire(await readBody(req, method))
    const left = new AbortController()
    // The client went away (tab closed, fetch aborted) before its answer: the Lab stops computing it.
    res.on('close', () => {
      if (!res.writableFinished) left.abort()
    })
    const result = await callApi(scopedToSignal(api, left.signal), method, args)
    sendJson(res, 200, { result })
  } catch (e) {
    if (e instanceof RequestTooLarge) sendJson(res, 413, errorBody(e.message, e.kind))
    else sendError(res, e, method)
  }
}

/** A body over its method's limit: answered 413 Payload Too Large, with the sentence every UserError has. */
class RequestTooLarge extends UserError {}

function tooLarge(method: ApiMethod, limit: number): RequestTooLarge {
  const mib = Math.floor(limit / 1024 / 1024)
  return new RequestTooLarge(
    method === 'importDataset'
      ? `the upload is larger than an import through the workbench may send (${mib} MiB with its encoding); import the file with \`seqvae import\``
      : `the request body is larger than the ${mib} MiB a ${method} call may send`,
  )
}

export function sendError(res: ServerResponse, e: unknown, context: string): void {
  const { message, kind, internal } = failureOf(e)
  if (internal) console.error(`seqvae serve: ${context} failed:`, e)
  sendJson(res, STATUS_BY_KIND[kind], errorBody(message, kind))
}

export function errorBody(message: string, kind: ErrorKind): ErrorBody {
  return { error: { message, kind } }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const text = encodeWire(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/** The body as text, up to the method's limit (an import's is larger: it carries a file). */
function readBody(req: IncomingMessage, method: ApiMethod): Promise<string> {
  const limit = maxRequestBytes(method)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit the rest is read and dropped, so the client still receives the answer.
      if (size > limit) {
        chunks.length = 0
        reject(tooLarge(method, limit))
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SignalScoped, WorkbenchApi } from '../../shared/api'
import { API_PREFIX, EVENTS_PATH } from '../../shared/http-protocol'
import { errorBody, handleApiCall, sendError, sendJson } from './api-route'
import { EventStream } from './event-stream'
import { RendererFiles, sendText } from './renderer-files'
import { allowedHostNames, bearerToken, checkHost, checkOrigin, MISSING_TOKEN, type Refusal, tokenMatches } from './request-guard'

export interface ServerOptions {
  /** With withSignal (the Lab), a request whose client leaves cancels the computation it started. */
  api: WorkbenchApi & Partial<SignalScoped>
  /** Interface to listen on; loopback unless the user asks otherwise. */
  host?: string
  /** 0 picks a free port (tests); the URL reports the one chosen. */
  port?: number
  /** The built renderer, `out/renderer`. */
  rendererDir: string
}

export interface RunningServer {
  /** The address to open, with the access token: `http://127.0.0.1:5180/?token=…`. */
  url: string
  token: string
  close(): Promise<void>
}

/** Headers on every answer: the token-bearing URL must not leak through Referer, and nothing is sniffed. */
const COMMON_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * The browser shell: serves the built renderer and the WorkbenchApi over HTTP with server-sent
 * events, on loopback by default, for pages that carry this launch's random token only.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const token = randomBytes(24).toString('hex')
  const allowedHosts = allowedHostNames(host)
  const files = new RendererFiles(options.rendererDir)
  const events = new EventStream(options.api)

  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refusal) => {
    if (isApiPath(req)) sendJson(res, refusal.status, errorBody(refusal.message, 'forbidden'))
    else sendText(res, refusal.status, refusal.message)
  }

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value)
    const refusal = checkHost(req, allowedHosts) ?? checkOrigin(req)
    if (refusal) return refuse(req, res, refusal)
    const url = new URL(req.url ?? '/', 'http://placeholder')
    const pathname = decodeURIComponent(url.pathname)
    if (pathname.startsWith(API_PREFIX)) {
      if (!tokenMatches(bearerToken(req), token)) return refuse(req, res, MISSING_TOKEN)
      if (pathname === EVENTS_PATH) return events.open(req, res)
      return void handleApiCall(options.api, pathname.slice(API_PREFIX.length), req, res)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET and HEAD are served outside /api/.')
    if (pathname === '/' || pathname === '/index.html') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        return sendText(res, 401, 'Open the full URL that `seqvae serve` printed at start-up: it carries the access token.')
      }
      return void files.sendIndex(res, token).catch((e) => sendError(res, e, 'serving the page'))
    }
    void files
      .sendAsset(res, pathname.slice(1), req.method === 'HEAD')
      .then((found) => found || sendText(res, 404, `There is no file at ${pathname}.`))
      .catch((e) => sendError(res, e, `serving ${pathname}`))
  }

  const server = createServer((req, res) => {
    try {
      route(req, res)
    } catch {
      // Only a malformed URL (bad percent-encoding) gets here; a throw must never reach the event loop.
      sendText(res, 400, 'The request URL is malformed.')
    }
  })
  // A stalled request must not hold a connection for ever; event streams stay open on purpose.
  server.requestTimeout = 60_000
  server.headersTimeout = 15_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 5180, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  // A wildcard address is not something to open; loopback reaches it from this machine.
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        events.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function isApiPath(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith(API_PREFIX)
}

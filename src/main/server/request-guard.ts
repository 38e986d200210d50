import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { hostname } from 'node:os'

/** Why a request is refused before it reaches the API, as a status and a sentence for the caller. */
export interface Refusal {
  status: 401 | 403 | 421
  message: string
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', ''])

/**
 * Host names this server answers to. A DNS-rebinding page reaches us under its own domain name, so
 * IP literals (which no other site can own) and `localhost` are safe; a name the server was bound
 * to explicitly is accepted too, and the machine's own name when it listens on every interface.
 * The port is not compared: an SSH tunnel may forward another local port to ours.
 */
export function allowedHostNames(boundHost: string): Set<string> {
  const names = new Set(['localhost'])
  if (isIP(boundHost) === 0 && !WILDCARD_HOSTS.has(boundHost)) names.add(boundHost.toLowerCase())
  if (WILDCARD_HOSTS.has(boundHost)) names.add(hostname().toLowerCase())
  return names
}

/** `example.com:5180` → `example.com`, `[::1]:5180` → `::1`; undefined for garbage. */
function hostNameOf(hostHeader: string): string | undefined {
  try {
    const { hostname: name } = new URL(`http://${hostHeader}`)
    return name.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return undefined
  }
}

export function checkHost(req: IncomingMessage, allowed: Set<string>): Refusal | null {
  const header = req.headers.host
  const name = header === undefined ? undefined : hostNameOf(header)
  if (name !== undefined && (isIP(name) !== 0 || allowed.has(name))) return null
  return {
    status: 421,
    message:
      `This server does not answer to the host name "${header ?? ''}". ` +
      'Open it by IP address or localhost, with the URL `seqvae serve` printed.',
  }
}

/**
 * Browsers send Origin on cross-origin requests and on every fetch POST: it must name this very
 * host, so another site's page can neither call the API nor read the event stream.
 */
export function checkOrigin(req: IncomingMessage): Refusal | null {
  const origin = req.headers.origin
  if (req.headers['sec-fetch-site'] === 'cross-site') return crossSite(origin ?? 'another site')
  if (origin === undefined) return null
  let originHost: string
  try {
    const url = new URL(origin)
    originHost = url.protocol === 'http:' ? url.host : ''
  } catch {
    originHost = ''
  }
  return originHost !== '' && originHost === req.headers.host ? null : crossSite(origin)
}

const crossSite = (origin: string): Refusal => ({
  status: 403,
  message: `Requests from ${origin} are refused: only pages this server serves may use its API.`,
})

/** Compares in constant time so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')
  return match?.[1]
}

export const MISSING_TOKEN: Refusal = {
  status: 401,
  message: 'This API needs the access token from the URL `seqvae serve` printed at start-up (Authorization: Bearer <token>).',
}

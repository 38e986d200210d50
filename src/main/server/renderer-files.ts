import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { TOKEN_META_NAME } from '../../shared/http-protocol'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/** The page may load only what this server serves and talk only to it; nothing may frame it. */
export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
    "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
} as const

/**
 * Serves the built renderer (`out/renderer`). The index page is the one place the access token
 * reaches the browser: it is written into a meta tag of the page, which is never cached.
 */
export class RendererFiles {
  private readonly root: string

  constructor(rendererDir: string) {
    this.root = path.resolve(rendererDir)
  }

  async sendIndex(res: ServerResponse, token: string): Promise<void> {
    const html = await this.read('index.html')
    if (html === null) {
      sendText(res, 503, 'The web interface is not built yet: run `npm run build`, then start `seqvae serve` again.')
      return
    }
    // The token is hex, so it needs no escaping inside an attribute.
    const page = html.toString('utf8').replace('<head>', `<head>\n    <meta name="${TOKEN_META_NAME}" content="${token}" />`)
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store', ...PAGE_SECURITY_HEADERS })
    res.end(page)
  }

  /** Sends a file below the renderer directory; false when there is none (the caller answers 404). */
  async sendAsset(res: ServerResponse, urlPath: string, headOnly: boolean): Promise<boolean> {
    const body = await this.read(urlPath)
    if (body === null) return false
    const type = CONTENT_TYPES[path.extname(urlPath).toLowerCase()] ?? 'application/octet-stream'
    // Vite names built assets by content hash, so they never change under the same name.
    const cache = urlPath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': cache })
    res.end(headOnly ? undefined : body)
    return true
  }

  private async read(relative: string): Promise<Buffer | null> {
    const file = path.resolve(this.root, relative)
    // `..`, encoded or not, must not climb out of the renderer directory.
    if (!file.startsWith(this.root + path.sep)) return null
    try {
      return await readFile(file)
    } catch {
      return null
    }
  }
}

export function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(message + '\n')
}

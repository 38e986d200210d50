import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Lab } from '../../../src/main/lab/lab'
import { startServer, type RunningServer } from '../../../src/main/server/workbench-server'
import { useTempDirs } from '../../helpers/temp-dir'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http rather than fetch, which would not let a test forge Host, Origin or Sec-Fetch-Site. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('seqvae serve: the HTTP bridge', () => {
  const tempDir = useTempDirs()
  let lab: Lab
  let server: RunningServer
  let origin: string
  let host: string

  const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
    send(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
      body: typeof args === 'string' ? args : JSON.stringify(args),
    })
  const runCount = async () => (JSON.parse((await call('listRuns', [])).body) as { result: unknown[] }).result.length

  beforeEach(async () => {
    const rendererDir = tempDir()
    mkdirSync(path.join(rendererDir, 'assets'))
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
    writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)')
    lab = Lab.open({ dataDir: tempDir() })
    server = await startServer({ api: lab, port: 0, rendererDir })
    origin = new URL(server.url).origin
    host = new URL(server.url).host
  })
  afterEach(async () => {
    await server.close()
    await lab.close()
  })

  it('binds to loopback and prints a URL with a fresh random token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/)
    const other = await startServer({ api: lab, port: 0, rendererDir: tempDir() })
    expect(other.token).not.toBe(server.token)
    await other.close()
  })

  it('answers API calls that carry the token, with JSON results', async () => {
    const answer = await call('listDatasets', [])
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(answer.body).result.map((d: { name: string }) => d.name)).toContain('mnist')
  })

  it('refuses a missing or wrong token with 401 and creates nothing', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${server.token}x`, server.token]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (authorization) headers.Authorization = authorization
      const answer = await send(`${origin}/api/createRun`, { method: 'POST', headers, body: '[{"epochs":1}]' })
      expect(answer.status).toBe(401)
      expect(JSON.parse(answer.body).error.message).toMatch(/access token/)
    }
    expect((await send(`${origin}/api/events`)).status).toBe(401)
    expect(await runCount()).toBe(0)
  })

  it('refuses a foreign Host (DNS rebinding) with 421 and a foreign Origin with 403, creating nothing', async () => {
    const port = new URL(origin).port
    const rebinding = await call('createRun', [{ epochs: 1 }], { Host: `attacker.example:${port}` })
    expect(rebinding.status).toBe(421)
    expect(JSON.parse(rebinding.body).error.message).toMatch(/does not answer to the host name "attacker.example/)
    const page = await send(`${origin}/?token=${server.token}`, { headers: { Host: `attacker.example:${port}` } })
    expect([page.status, page.body]).toEqual([421, expect.stringMatching(/host name/)])

    const foreign: Record<string, string>[] = [{ Origin: 'http://attacker.example' }, { Origin: 'null' }, { Origin: `https://${host}` }, { 'Sec-Fetch-Site': 'cross-site' }]
    for (const headers of foreign) {
      const answer = await call('createRun', [{ epochs: 1 }], headers)
      expect(answer.status, JSON.stringify(headers)).toBe(403)
      expect(JSON.parse(answer.body).error.message).toMatch(/refused: only pages this server serves/)
    }
    expect(await runCount()).toBe(0)
    // Its own origin, and localhost or an IP literal as host names, are fine.
    expect((await call('listRuns', [], { Origin: origin })).status).toBe(200)
    expect((await call('listRuns', [], { Host: `localhost:${port}`, Origin: `http://localhost:${port}` })).status).toBe(200)
  })

  it('answers malformed calls with 4xx and one clear sentence, and changes nothing', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['createRun', [{ latentDim: 0 }], 400, /^latentDim must be an integer between 1 and 64$/],
      ['createRun', [{ epochz: 3 }], 400, /^unknown field: epochz$/],
      ['createRun', '[{"epochs": 2', 400, /not valid JSON/],
      ['createRun', { epochs: 2 }, 400, /^createRun arguments must be sent as a list$/],
      ['getRun', ['1'], 400, /^id must be a positive integer run id$/],
      ['getRun', [1, 2], 400, /^getRun takes at most 1 argument$/],
      ['decode', [1, [0, 0, 0], 1], 400, /^z must be a Float32Array/],
      ['decode', [1, { $f32: 'AAA' }, 1], 400, /not valid base64/],
      ['getRun', [4242], 404, /4242/],
      ['cancelRun', [4242], 404, /4242/],
      ['subscribe', [], 404, /no API method called "subscribe"/],
      ['constructor', [], 404, /no API method called "constructor"/],
    ]
    for (const [method, args, status, message] of cases) {
      const answer = await call(method, args)
      expect([method, answer.status], answer.body).toEqual([method, status])
      expect(JSON.parse(answer.body).error.message).toMatch(message)
    }
    const wrongVerb = await send(`${origin}/api/listRuns`, { headers: { Authorization: `Bearer ${server.token}` } })
    expect([wrongVerb.status, wrongVerb.headers.allow]).toEqual([405, 'POST'])
    // A form post (what a cross-site page could send without a preflight) is not an API call.
    const form = await call('createRun', 'epochs=1', { 'Content-Type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    expect(await runCount()).toBe(0)
  })

  it('lets an import send a file larger than other calls may, and answers an oversize body with 413', async () => {
    const mib = 1024 * 1024
    // 49 MiB of JSON: over the limit of every call but an import.
    const oversize = await call('createRun', `[{"name":"${'x'.repeat(49 * mib)}"}]`)
    expect(oversize.status).toBe(413)
    expect(JSON.parse(oversize.body).error).toEqual({ message: 'the request body is larger than the 48 MiB a createRun call may send', kind: 'invalid' })
    // A 38 MiB file is 51 MiB as base64: the import reads it, and finds the text cell on its first line.
    const bytes = Buffer.alloc(38 * mib, '1,0.5,0.5\n')
    bytes.write('1,0.5,abc\n')
    const upload = await call('importDataset', `[{"name":"big.csv","bytes":{"$u8":"${bytes.toString('base64')}"}}]`)
    expect([upload.status, JSON.parse(upload.body).error.message]).toEqual([400, 'big.csv, line 1, column 3: "abc" is not a finite number'])
    expect((await lab.listDatasets()).some((d) => d.imported)).toBe(false)
    expect(await runCount()).toBe(0)
  })

  it('reports an unexpected failure as 500 with a generic sentence, never a stack trace', async () => {
    await lab.close()
    const answer = await call('listRuns', [])
    expect(answer.status).toBe(500)
    expect(JSON.parse(answer.body).error).toEqual({ message: 'The workbench hit an unexpected error; its log has the details.', kind: 'internal' })
    lab = Lab.open({ dataDir: tempDir() })
  })

  it('serves the page only with the token, injecting it, with a strict CSP and no caching', async () => {
    for (const url of [`${origin}/`, `${origin}/?token=nope`, `${origin}/index.html`]) {
      const refused = await send(url)
      expect(refused.status).toBe(401)
      expect(refused.body).not.toContain(server.token)
    }
    const page = await send(server.url)
    expect(page.status).toBe(200)
    expect(page.body).toContain(`<meta name="seqvae-token" content="${server.token}" />`)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
  })

  it('serves built assets and nothing outside the renderer directory', async () => {
    const asset = await send(`${origin}/assets/app-1234.js`)
    expect([asset.status, asset.headers['content-type'], asset.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)'])
    expect(asset.headers['cache-control']).toMatch(/immutable/)
    for (const probe of ['/../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets', '/missing.js']) {
      expect((await send(origin + probe)).status, probe).toBe(404)
    }
    expect((await send(`${origin}/%E0%A4%A`)).status).toBe(400)
    expect((await send(`${origin}/assets/app-1234.js`, { method: 'DELETE' })).status).toBe(405)
  })
})

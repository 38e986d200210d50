import type { IncomingMessage } from 'node:http'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { allowedHostNames, checkHost, checkOrigin } from '../../../src/main/server/request-guard'

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('request guard', () => {
  it('accepts IP literals and localhost on any port, and names only when bound to them', () => {
    const loopback = allowedHostNames('127.0.0.1')
    for (const host of ['127.0.0.1:5180', 'localhost:8080', '[::1]:5180', '10.0.0.7:5180', 'LOCALHOST:1']) {
      expect(checkHost(request({ host }), loopback), host).toBeNull()
    }
    for (const host of ['attacker.example:5180', '127.0.0.1.nip.io:5180', 'localhost.attacker.example', '', 'a b']) {
      expect(checkHost(request({ host }), loopback)?.status, host).toBe(421)
    }
    expect(checkHost(request({}), loopback)?.status).toBe(421)
    expect(checkHost(request({ host: 'workbench.lan:5180' }), allowedHostNames('workbench.lan'))).toBeNull()
    expect(checkHost(request({ host: `${hostname()}:5180` }), allowedHostNames('0.0.0.0'))).toBeNull()
    expect(checkHost(request({ host: `${hostname()}:5180` }), loopback)?.status).toBe(421)
  })

  it('accepts no Origin or our own, and refuses other origins and cross-site fetches', () => {
    expect(checkOrigin(request({ host: '127.0.0.1:5180' }))).toBeNull()
    expect(checkOrigin(request({ host: '127.0.0.1:5180', origin: 'http://127.0.0.1:5180', 'sec-fetch-site': 'same-origin' }))).toBeNull()
    for (const origin of ['http://127.0.0.1:5181', 'http://localhost:5180', 'https://127.0.0.1:5180', 'null', 'file://']) {
      expect(checkOrigin(request({ host: '127.0.0.1:5180', origin }))?.status, origin).toBe(403)
    }
    expect(checkOrigin(request({ host: '127.0.0.1:5180', 'sec-fetch-site': 'cross-site' }))?.status).toBe(403)
  })
})

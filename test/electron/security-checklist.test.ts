import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_METHODS } from '../../src/shared/api-methods'

/** Electron's security checklist, read from what `npm run build` produced (the binary cannot run here). */
const OUT = path.join(__dirname, '../../out')
const read = (file: string) => {
  const full = path.join(OUT, file)
  if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`)
  return readFileSync(full, 'utf8')
}

describe('Electron security checklist (built bundles)', () => {
  it('creates the window isolated, sandboxed, without Node and with web security', () => {
    const main = read('main/index.js')
    expect(main).toContain('contextIsolation: true')
    expect(main).toContain('sandbox: true')
    expect(main).toContain('nodeIntegration: false')
    expect(main).toContain('webSecurity: true')
    expect(main).not.toMatch(/nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false|allowRunningInsecureContent: true/)
    expect(main).not.toMatch(/enableRemoteModule|experimentalFeatures: true/)
  })

  it('denies navigation away from the page, redirects and new windows', () => {
    const main = read('main/index.js')
    expect(main).toMatch(/on\("will-navigate", \(event, url\) => \{\s*if \(!page\.isOurs\(url\)\) event\.preventDefault\(\);/)
    expect(main).toMatch(/on\("will-redirect", \(event, url\) => \{\s*if \(!page\.isOurs\(url\)\) event\.preventDefault\(\);/)
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: "deny" \}\)\)/)
    expect(main).not.toContain('openExternal(')
  })

  it('checks the sender frame of every IPC call before it reaches the Lab', () => {
    const main = read('main/index.js')
    // The frame is checked first; only then may the call (scoped to a signal a newer request aborts) reach the Lab.
    expect(main).toMatch(/ipcMain\.handle\(channelOf\(method\), async \(event, args\) => \{\s*if \(!isWorkbenchFrame\(event\.senderFrame\)\) return REFUSED;/)
    // Registered once per contract method from the shared table, not by hand.
    expect(main).toContain('for (const method of API_METHODS)')
    expect(API_METHODS.length).toBeGreaterThan(10)
    // The desktop bridge's channels (dialogs, theme) check the frame too: one check per handler.
    const handlers = main.match(/ipcMain\.(handle|on)\(/g) ?? []
    const checks = main.match(/isWorkbenchFrame\(event\.senderFrame\)/g) ?? []
    expect(handlers.length).toBeGreaterThanOrEqual(4)
    expect(checks.length).toBe(handlers.length)
  })

  it('ships a strict Content-Security-Policy with the page', () => {
    const html = read('renderer/index.html')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(csp, 'the page has a CSP meta tag').toBeTruthy()
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline'?\s*;?\s*script|\*/)
  })
})

import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_METHODS } from '../../src/shared/api-methods'
import { RESULTS_DIR } from '../e2e/helpers/chromium'

const REPO = path.join(__dirname, '../..')

/** The Electron binary's path, or null where `node_modules/electron/dist` was never downloaded. */
function electronBinary(): string | null {
  try {
    const binary = createRequire(__filename)('electron') as string
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const SKIP_REASON = 'SKIPPED: the Electron binary is not installed (node_modules/electron/dist is missing; its download is blocked on this machine)'
if (!binary) console.warn(`electron-app.smoke.test.ts: ${SKIP_REASON}`)

/** What the page sees of the preload, read inside the renderer (no DOM types in this tsconfig). */
type PageGlobals = { workbench: Record<string, (...a: unknown[]) => Promise<unknown>>; require?: unknown; process?: unknown; location: { href: string } }

describe.skipIf(!binary)('the Electron app (smoke test on the built app)', () => {
  let app: ElectronApplication
  let page: Page
  let dataDir: string

  beforeAll(async () => {
    if (!existsSync(path.join(REPO, 'out/main/index.js'))) throw new Error('the smoke test runs the built app: run `npm run build` first')
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-electron-'))
    app = await _electron.launch({
      executablePath: binary!,
      // Chromium's own sandbox needs user namespaces, which containers running as root lack.
      // Its own user-data folder, so window state and logs stay out of the developer's profile.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--user-data-dir=${path.join(dataDir, 'user-data')}`, REPO],
      env: { ...process.env, SEQVAE_DATA_DIR: dataDir },
    })
    page = await app.firstWindow()
    await page.getByRole('heading', { name: 'Runs' }).waitFor()
  })
  afterAll(async () => {
    await app?.close().catch(() => {})
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows its window, painted, with the app’s title', async () => {
    const shown = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]
      return { visible: window.isVisible(), title: window.getTitle() }
    })
    expect(shown.visible).toBe(true)
    expect(shown.title).toContain('SeqVAE Workbench')
  })

  it('isolates the page: window.workbench is exactly the contract, and there is no Node in sight', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      return { keys: Object.keys(g.workbench).sort(), require: typeof g.require, process: typeof g.process }
    })
    expect(seen).toEqual({ keys: [...API_METHODS, 'subscribe'].sort(), require: 'undefined', process: 'undefined' })
    const desktop = await page.evaluate(() => Object.keys((globalThis as unknown as { workbenchDesktop: object }).workbenchDesktop).sort())
    expect(desktop).toEqual(['chooseImportFile', 'exportModel', 'onCommand', 'setTheme'])
  })

  it('denies navigation away from the page and new windows', async () => {
    const before = page.url()
    await page.evaluate(() => {
      ;(globalThis as unknown as PageGlobals).location.href = 'https://example.com/'
    })
    await new Promise((r) => setTimeout(r, 500))
    expect(page.url()).toBe(before)
    const opened = await page.evaluate(() => (globalThis as unknown as { open: (u: string) => unknown }).open('https://example.com/') === null)
    expect(opened).toBe(true)
    expect(app.windows()).toHaveLength(1)
  })

  it('trains a tiny run in a utility process and shows it finished', async () => {
    const datasets = (await page.evaluate(() => (globalThis as unknown as PageGlobals).workbench.listDatasets())) as { name: string }[]
    expect(datasets.map((d) => d.name)).toContain('mnist')
    const form = page.getByTestId('quick-run')
    for (const [field, value] of [['epochs', '2'], ['trainLimit', '200'], ['valLimit', '100'], ['evalLimit', '100']]) {
      await form.locator(`input[name=${field}]`).fill(value)
    }
    await form.getByRole('button', { name: 'Start run' }).click()
    const row = page.locator('tr[data-run-id]').first()
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('finished')
    await expect.poll(() => row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    await page.screenshot({ path: path.join(RESULTS_DIR, 'electron-runs-finished.png') })
  })

  it('quits with the database closed cleanly: the run recorded, no write-ahead log left behind', async () => {
    await app.close()
    const file = path.join(dataDir, 'workbench.sqlite')
    // The last connection to close checkpoints and removes the WAL; a crash would leave it.
    expect(existsSync(`${file}-wal`)).toBe(false)
    const db = new Database(file, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.prepare('SELECT status FROM runs').all()).toEqual([{ status: 'finished' }])
    } finally {
      db.close()
    }
  })
})

describe.runIf(!binary)('the Electron app', () => {
  it.skip(SKIP_REASON, () => {})
})

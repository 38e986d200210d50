import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download is not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Headless in a container: no sandbox (no user namespaces), no GPU (SwiftShader for WebGL), no phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
]

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`end-to-end tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`)
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

const REPO = path.join(__dirname, '../../..')
export const RESULTS_DIR = path.join(REPO, 'test-results')

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * Collects what a page complains about (console errors, uncaught exceptions, CSP refusals), so a
 * test can assert that a screen works without silent breakage.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`))
  return errors
}

/** The built renderer the server serves; the tests run against what `npm run build` produced. */
export function requireBuiltRenderer(): void {
  if (!existsSync(path.join(REPO, 'out/renderer/index.html'))) throw new Error('end-to-end tests need the built app: run `npm run build` first')
}

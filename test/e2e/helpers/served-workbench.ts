import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import type { WorkbenchApi } from '../../../src/shared/api'
import { createHttpWorkbench } from '../../../src/renderer/src/api/http-workbench'
import { collectPageErrors, launchChromium, requireBuiltRenderer } from './chromium'
import { startServeProcess, type ServeProcess } from './serve-process'

export interface ServedWorkbench {
  /** The suite's own data folder, removed after the suite. */
  dataDir: string
  server: ServeProcess
  browser: Browser
  /** The served API, called over HTTP exactly as the page calls it. */
  api: WorkbenchApi
  /** A new page of the given size, with what it complains about collected (see collectPageErrors). */
  openPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>
}

/**
 * Registers the suite's beforeAll and afterAll: a fresh data folder (first filled by `prepare`,
 * e.g. with seeded or trained runs, while Chromium starts), a real `seqvae serve` on it (with
 * `serveArgs()` added to its command line), and
 * Chromium. Afterwards both are closed, the server must exit cleanly (code 0), and the folder goes.
 * The fields are set once the suite's beforeAll has run.
 */
export function serveWorkbenchForSuite(tmpPrefix: string, prepare?: (dataDir: string) => unknown, serveArgs: () => string[] = () => []): ServedWorkbench {
  const suite = {
    openPage: async (viewport: { width: number; height: number }) => {
      const page = await suite.browser.newPage({ viewport })
      return { page, errors: collectPageErrors(page) }
    },
  } as ServedWorkbench

  beforeAll(async () => {
    requireBuiltRenderer()
    suite.dataDir = mkdtempSync(path.join(os.tmpdir(), tmpPrefix))
    const serve = async () => {
      await prepare?.(suite.dataDir)
      suite.server = await startServeProcess(suite.dataDir, serveArgs())
    }
    const launch = async () => {
      suite.browser = await launchChromium()
    }
    await Promise.all([launch(), serve()])
    suite.api = createHttpWorkbench({ baseUrl: suite.server.origin, token: suite.server.token })
  })
  afterAll(async () => {
    await suite.browser?.close()
    if (suite.server) expect(await suite.server.stop()).toBe(0)
    if (suite.dataDir) rmSync(suite.dataDir, { recursive: true, force: true })
  })
  return suite
}

/**
 * `npm run bench:runs-table`: how fast the runs table paints and scrolls in Chromium against a real
 * `seqvae serve`, with many seeded runs (default 1,000) and, as the reference in the same
 * invocation, with 10. For each: cold page load to the table painted, in-app navigation (click on
 * "Runs") to the table painted, rows in the DOM, and frame intervals while scrolling a step per
 * frame (a steady wheel 48 px, fast 120 px, a fling 400 px). Goals from the design: navigation
 * < 1 s, cold load < 2.5 s, a steady wheel ≥ 30 fps at the median with no frame over 100 ms at p95.
 *
 * The table reads its rows a page at a time, so the goal at 100,000 runs (`--runs 100000`, seeded
 * in bulk) is the same: the runs page painted within 1 s.
 *
 *   node bin/run-ts.cjs bench/browser/runs-table.ts [--runs 1000]   (needs `npm run build` and Debian's Chromium)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { databaseFile, ensureWritableDir } from '../../src/main/lab/data-dir'
import { WorkbenchStore } from '../../src/main/lab/store/workbench-store'
import { seedRuns, type SeedRun } from '../../test/e2e/desk-helpers/seed-runs'
import { seedRuns as seedManyRuns } from '../../test/helpers/seed-runs'
import { launchChromium, requireBuiltRenderer } from '../../test/e2e/helpers/chromium'
import { startServeProcess } from '../../test/e2e/helpers/serve-process'
import { describeMs, loadLine } from '../lib/timing'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' } } })
const runCount = Number(values.runs)
const REFERENCE_RUNS = 10

/** Beyond this many runs the database is filled straight through SQLite (35 real metric rows a run), as the 100,000-run e2e does. */
const BULK_FROM = 5000

function bulkSeed(dataDir: string, count: number): void {
  ensureWritableDir(dataDir)
  const store = WorkbenchStore.open(databaseFile(dataDir))
  seedManyRuns(store.db, { runs: count, epochs: 35 })
  store.close()
}

const plan = (count: number): SeedRun[] =>
  Array.from({ length: count }, (_, i) => ({ config: { latentDim: [2, 3, 4, 6, 8][i % 5], seed: i }, name: `bench run ${i + 1}`, epochs: 3 }))

/**
 * Records when rows of the runs table appear (and are painted) after navigation or an in-app click.
 * A string, not a function: the TypeScript loader decorates functions with helpers the page lacks.
 */
const RECORD_ROW_PAINTS = `(() => {
  let shown = false
  const marks = { rowsAt: [], stop: () => observer.disconnect() }
  const observer = new MutationObserver(() => {
    const now = document.querySelector('tr[data-run-id]') !== null
    if (now && !shown) requestAnimationFrame(() => marks.rowsAt.push(performance.now()))
    shown = now
  })
  window.__rowPaints = marks
  observer.observe(document, { childList: true, subtree: true })
})()`

const paints = (page: Page) => page.evaluate(() => (window as unknown as { __rowPaints: { rowsAt: number[] } }).__rowPaints.rowsAt.slice())

async function waitForPaints(page: Page, count: number): Promise<number[]> {
  for (;;) {
    const marks = await paints(page)
    if (marks.length >= count) return marks
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Frame intervals (ms) while scrolling the table a step per frame, down for half the frames and back up. */
const scroll = (page: Page, frames: number, stepPx: number) =>
  page.evaluate(
    async ({ frames, stepPx }) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="runs-scroller"]')!
      const intervals: number[] = []
      let last = performance.now()
      for (let i = 0; i < frames; i++) {
        scroller.scrollTop += i < frames / 2 ? stepPx : -stepPx
        await new Promise((r) => requestAnimationFrame(r))
        const now = performance.now()
        intervals.push(now - last)
        last = now
      }
      return intervals
    },
    { frames, stepPx },
  )

async function measure(count: number): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-bench-table-'))
  if (count > BULK_FROM) bulkSeed(dataDir, count)
  else seedRuns(dataDir, plan(count))
  const server = await startServeProcess(dataDir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    await page.addInitScript({ content: RECORD_ROW_PAINTS })
    // A warm-up load, so the figure is the app's, not the first read of its bundle from disk.
    await page.goto(`${server.url}#/runs`)
    await waitForPaints(page, 1)
    await page.reload()
    const coldMs = (await waitForPaints(page, 1))[0]
    await page.getByRole('link', { name: 'Compare' }).click()
    await page.getByText('Nothing to compare yet').waitFor()
    const clickedAt = await page.evaluate(() => {
      const t = performance.now()
      document.querySelector<HTMLAnchorElement>('nav a[href="#/runs"]')!.click()
      return t
    })
    const navigateMs = (await waitForPaints(page, 2))[1] - clickedAt
    const rowsInDom = await page.locator('tr[data-run-id]').count()
    // The recorder is the benchmark's, not the app's: it must not weigh on the frames measured.
    await page.evaluate(() => (window as unknown as { __rowPaints: { stop(): void } }).__rowPaints.stop())
    await scroll(page, 60, 120) // a first pass compiles the row components
    const wheel = await scroll(page, 150, 48)
    const fast = await scroll(page, 100, 120)
    const fling = await scroll(page, 100, 400)
    return [
      `${count} runs: cold load to painted table ${coldMs.toFixed(0)} ms; in-app navigation ${navigateMs.toFixed(0)} ms; ${rowsInDom} rows in the DOM`,
      `  frame interval scrolling 48 px/frame: ${describeMs(wheel)}`,
      `  frame interval scrolling 120 px/frame: ${describeMs(fast)}`,
      `  frame interval scrolling 400 px/frame: ${describeMs(fling)}`,
    ]
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  requireBuiltRenderer()
  console.log(loadLine('at start'))
  for (const line of [...(await measure(REFERENCE_RUNS)), ...(await measure(runCount))]) console.log(line)
  console.log(loadLine('at end'))
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

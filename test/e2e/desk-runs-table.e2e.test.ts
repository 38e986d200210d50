import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seedRuns, type SeedRun, type SeededRun } from './desk-helpers/seed-runs'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

const RUNS = 1000
const LATENT = [2, 3, 4, 6, 8]
const KL = [0.001, 0.005, 0.01, 0.05, 0.1]

/** 1,000 varied runs: every 50th failed, every 10th tagged "keep". */
function seedPlan(): SeedRun[] {
  return Array.from({ length: RUNS }, (_, i) => ({
    config: { latentDim: LATENT[i % 5], klWeight: KL[Math.floor(i / 5) % 5], seed: i },
    name: `scale run ${i + 1}`,
    tags: i % 10 === 0 ? ['keep'] : undefined,
    status: i % 50 === 49 ? ('failed' as const) : undefined,
    epochs: 3,
  }))
}

/** Records when rows of the runs table appear (and are painted) after navigation or an in-app click. */
function recordRowPaints(): void {
  let shown = false
  const observer = new MutationObserver(() => {
    const now = document.querySelector('tr[data-run-id]') !== null
    if (now && !shown) requestAnimationFrame(() => marks.rowsAt.push(performance.now()))
    shown = now
  })
  const marks = { rowsAt: [] as number[], stop: () => observer.disconnect() }
  ;(window as unknown as { __rowPaints: typeof marks }).__rowPaints = marks
  observer.observe(document, { childList: true, subtree: true })
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]
const countText = (page: Page) => page.getByTestId('runs-count').textContent()

describe('the runs table with 1,000 runs in Chromium against seqvae serve', () => {
  let seeded: SeededRun[]
  const workbench = serveWorkbenchForSuite('seqvae-desk-table-', (dataDir) => {
    seeded = seedRuns(dataDir, seedPlan())
  })

  it('renders 1,000 runs in under a second, keeps few rows in the DOM and scrolls smoothly', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    await page.addInitScript(recordRowPaints)
    const paints = () => page.evaluate(() => (window as unknown as { __rowPaints: { rowsAt: number[] } }).__rowPaints.rowsAt.slice())

    // A warm-up load, so the figure below is the app's, not the first fetch of its bundle from disk.
    await page.goto(`${workbench.server.url}#/runs`)
    await expect.poll(async () => (await paints()).length, { timeout: 15_000 }).toBe(1)

    // Cold page load: from navigation start to the 1,000-run table painted.
    await page.reload()
    await expect.poll(async () => (await paints()).length, { timeout: 15_000 }).toBe(1)
    const coldMs = (await paints())[0]
    expect(await countText(page)).toContain('1000 runs')

    // In-app navigation: from the click on "Runs" to the table painted (listRuns of 1,000 included).
    await page.getByRole('link', { name: 'Compare' }).click()
    await page.getByText('Nothing to compare yet').waitFor()
    const clickedAt = await page.evaluate(() => {
      const t = performance.now()
      document.querySelector<HTMLAnchorElement>('nav a[href="#/runs"]')!.click()
      return t
    })
    await expect.poll(async () => (await paints()).length, { timeout: 15_000 }).toBe(2)
    const navigateMs = (await paints())[1] - clickedAt

    const rowsInDom = await page.locator('tr[data-run-id]').count()
    expect(rowsInDom).toBeLessThan(60)

    // Scrolling: a step per frame, down then back up; the intervals between frames say how smooth it is.
    const scroll = (frames: number, stepPx: number) =>
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
    // The observer above is the test's, not the app's: it must not weigh on the frames measured.
    await page.evaluate(() => (window as unknown as { __rowPaints: { stop(): void } }).__rowPaints.stop())
    // A first pass compiles the row components; what matters is the steady state after it.
    await scroll(60, 120)
    // A steady wheel (48 px ≈ a row a frame, 2,900 px/s), a fast one (120 px, 7,200 px/s) and a
    // fling (400 px ≈ 9 rows a frame).
    const wheel = await scroll(150, 48)
    const fast = await scroll(100, 120)
    const fling = await scroll(100, 400)
    const summary = (f: number[]) => `p50 ${percentile(f, 50).toFixed(1)} ms, p95 ${percentile(f, 95).toFixed(1)} ms, max ${Math.max(...f).toFixed(1)} ms`
    console.log(
      `1,000 runs: cold load to painted table ${coldMs.toFixed(0)} ms; in-app navigation to painted table ${navigateMs.toFixed(0)} ms; ` +
        `${rowsInDom} rows in the DOM; frame interval scrolling 48 px/frame: ${summary(wheel)}; 120 px/frame: ${summary(fast)}; ` +
        `400 px/frame: ${summary(fling)}`,
    )
    // The table itself (listRuns of 1,000 runs, render, paint) is what must stay under a second; a
    // cold load adds parsing the whole app bundle, which other screens share and grow.
    expect(navigateMs).toBeLessThan(1000)
    expect(coldMs).toBeLessThan(2500)
    // Smooth: a steady wheel keeps 30 fps or better at the median even on a loaded two-core box
    // with software rendering (the fast cases are reported above), and no frame stalls.
    expect(percentile(wheel, 50)).toBeLessThan(34)
    expect(percentile(wheel, 95)).toBeLessThan(100)

    await page.locator('[data-testid="runs-scroller"]').evaluate((el) => (el.scrollTop = 0))
    await screenshot(page, 'desk-runs-1000')

    // The bottom of the list is reachable and rendered: run 1 is the last row.
    await page.locator('[data-testid="runs-scroller"]').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.locator('tr[data-run-id="1"]').waitFor()
    expect(await page.locator('tr[data-run-id]').count()).toBeLessThan(60)
    expect(errors).toEqual([])
    await page.close()
  })

  it('filters by text, status, metric and config field; sorts; edits, pins, deletes with undo and exports', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    await page.goto(`${workbench.server.url}#/runs`)
    await page.locator('tr[data-run-id]').first().waitFor()

    // "/" focuses the filter; text matches names.
    await page.keyboard.press('/')
    await page.keyboard.type('scale run 99')
    await expect.poll(() => countText(page)).toContain('11 of 1000 runs')
    await page.getByTestId('runs-filter').fill('')

    await page.getByRole('button', { name: /^failed/ }).click()
    await expect.poll(() => countText(page)).toContain('20 of 1000 runs')
    await page.getByRole('button', { name: /^failed/ }).click()

    // A final-metric condition, checked against the stored rows.
    const bestOf = (run: SeededRun) => Math.min(...run.epochs.map((e) => e.valLoss))
    // A threshold about a third of the runs pass, as typed by a person (three decimals).
    const threshold = Number(percentile(seeded.map(bestOf), 33).toFixed(3))
    const expectedBelow = seeded.filter((run) => bestOf(run) < threshold).length
    expect(expectedBelow).toBeGreaterThan(100)
    await page.getByRole('combobox', { name: 'Field' }).selectOption('bestValLoss')
    await page.getByRole('combobox', { name: 'Comparison' }).selectOption('<')
    await page.getByRole('textbox', { name: 'Value' }).fill(String(threshold))
    await page.getByRole('button', { name: 'Add condition' }).click()
    await expect.poll(() => countText(page)).toContain(`${expectedBelow} of 1000 runs`)
    expect(page.url()).toContain('where=bestValLoss')

    // A config condition on top: the table fetches every config it needs to decide.
    await page.getByRole('combobox', { name: 'Field' }).selectOption('latentDim')
    await page.getByRole('combobox', { name: 'Comparison' }).selectOption('>=')
    await page.getByRole('textbox', { name: 'Value' }).fill('6')
    const configStart = Date.now()
    await page.getByRole('button', { name: 'Add condition' }).click()
    const expectedBoth = seeded.filter((run, i) => bestOf(run) < threshold && LATENT[i % 5] >= 6).length
    expect(expectedBoth).toBeGreaterThan(10)
    await expect.poll(() => countText(page), { timeout: 30_000 }).toContain(`${expectedBoth} of 1000 runs`)
    console.log(`config filter over 1,000 runs (configs fetched with getRun): ${Date.now() - configStart} ms`)
    await screenshot(page, 'desk-runs-filtered')

    // Sort by best val_loss, lowest first.
    await page.getByRole('button', { name: 'Best val (ep)' }).click()
    const lowest = seeded.filter((run, i) => bestOf(run) < threshold && LATENT[i % 5] >= 6).sort((a, b) => bestOf(a) - bestOf(b))[0]
    await expect.poll(() => page.locator('tr[data-run-id]').first().getAttribute('data-run-id')).toBe(String(lowest.id))

    // Export of exactly the filtered rows, config included.
    await page.locator('summary', { hasText: 'Export' }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Table as CSV' }).click()])
    const csv = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n')
    const header = csv[0].split(',')
    expect(csv).toHaveLength(expectedBoth + 1)
    expect(csv[1].split(',')[header.indexOf('id')]).toBe(String(lowest.id))
    expect(Number(csv[1].split(',')[header.indexOf('latentDim')])).toBeGreaterThanOrEqual(6)

    await page.getByRole('button', { name: 'Clear filters' }).first().click()
    await expect.poll(() => countText(page)).toContain('1000 runs')
    await page.getByRole('button', { name: '#' }).click()

    // Inline rename, tags and notes go through updateRun.
    const row = page.locator('tr[data-run-id="1000"]')
    await row.getByRole('button', { name: 'Rename scale run 1000' }).click()
    await row.getByRole('textbox').fill('renamed in the table')
    await row.getByRole('textbox').press('Enter')
    await expect.poll(async () => (await workbench.api.getRun(1000)).name).toBe('renamed in the table')
    await row.getByRole('button', { name: 'Edit tags of renamed in the table' }).click()
    await row.getByRole('textbox').fill('best, e2e')
    await row.getByRole('textbox').press('Enter')
    await expect.poll(async () => (await workbench.api.getRun(1000)).tags).toEqual(['best', 'e2e'])
    await row.getByRole('button', { name: 'Notes of renamed in the table' }).click()
    await page.getByRole('textbox', { name: 'Notes' }).fill('Lowest loss so far; keep.')
    await screenshot(page, 'desk-runs-notes')
    await page.getByRole('button', { name: 'Save notes' }).click()
    await expect.poll(async () => (await workbench.api.getRun(1000)).notes).toBe('Lowest loss so far; keep.')

    // Pin a baseline: it goes to the top whatever the sort.
    const pinned = page.locator('tr[data-run-id="500"]')
    await page.getByTestId('runs-filter').fill('#500')
    await pinned.getByRole('button', { name: 'Pin scale run 500 as baseline' }).click()
    await page.getByTestId('runs-filter').fill('')
    await expect.poll(() => page.locator('tr[data-run-id]').first().getAttribute('data-run-id')).toBe('500')
    expect(await page.locator('tr[data-run-id="500"]').getAttribute('class')).toContain('baseline')

    // Delete with undo: gone at once, back on Undo, and the Lab never deleted it.
    await page.locator('tr[data-run-id="999"]').getByRole('button', { name: 'Delete scale run 999' }).click()
    await expect.poll(() => page.locator('tr[data-run-id="999"]').count()).toBe(0)
    await expect.poll(() => countText(page)).toContain('999 runs')
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.locator('tr[data-run-id="999"]').count()).toBe(1)
    // Without undo, the Lab deletes it when the undo window closes.
    await page.locator('tr[data-run-id="998"]').getByRole('button', { name: 'Delete scale run 998' }).click()
    await expect.poll(() => workbench.api.getRun(998).then(() => 'exists', (e: Error) => e.message), { timeout: 15_000 }).toBe('run 998 does not exist')
    expect((await workbench.api.getRun(999)).id).toBe(999)

    // Keyboard help, then the dark theme.
    await page.keyboard.press('?')
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor()
    // The run views' own keys are listed too, e.g. the Anomalies tab's threshold.
    await page.getByRole('row', { name: '← / → Lower / raise the threshold one score Run · Anomalies' }).waitFor({ timeout: 2_000 })
    await screenshot(page, 'desk-shortcuts-help')
    await page.keyboard.press('Escape')
    await page.getByRole('radio', { name: 'Dark' }).click()
    await screenshot(page, 'desk-runs-1000-dark')
    expect(errors).toEqual([])
  })
})

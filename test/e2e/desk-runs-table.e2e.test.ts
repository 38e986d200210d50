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

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]
const countText = (page: Page) => page.getByTestId('runs-count').textContent()

describe('the runs table with 1,000 runs in Chromium against seqvae serve', () => {
  let seeded: SeededRun[]
  const workbench = serveWorkbenchForSuite('seqvae-desk-table-', (dataDir) => {
    seeded = seedRuns(dataDir, seedPlan())
  })

  it('renders 1,000 runs with few rows in the DOM, reaches the bottom by scrolling, and comes back by in-app navigation', async () => {
    // How fast (cold load, navigation, frame intervals while scrolling) is measured by
    // `npm run bench:runs-table`; this test checks what a person sees.
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    await page.goto(`${workbench.server.url}#/runs`)
    await page.locator('tr[data-run-id]').first().waitFor()
    expect(await countText(page)).toContain('1,000 runs')
    expect(await page.locator('tr[data-run-id]').count()).toBeLessThan(60)

    // In-app navigation away and back repaints the table.
    await page.getByRole('link', { name: 'Compare' }).click()
    await page.getByText('Nothing to compare yet').waitFor()
    await page.locator('nav a[href="#/runs"]').click()
    await page.locator('tr[data-run-id]').first().waitFor()
    expect(await page.locator('tr[data-run-id]').count()).toBeLessThan(60)

    // Scrolling through the whole list a step at a time keeps the window of rendered rows small.
    const rowsWhileScrolling = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="runs-scroller"]')!
      const counts: number[] = []
      for (let i = 0; i < 40; i++) {
        scroller.scrollTop += 400
        await new Promise((r) => requestAnimationFrame(r))
        counts.push(document.querySelectorAll('tr[data-run-id]').length)
      }
      return counts
    })
    expect(Math.max(...rowsWhileScrolling)).toBeLessThan(60)
    expect(Math.min(...rowsWhileScrolling)).toBeGreaterThan(0)

    await page.locator('[data-testid="runs-scroller"]').evaluate((el) => (el.scrollTop = 0))
    await screenshot(page, 'desk-runs-1000')

    // The bottom of the list is reachable and rendered (pages are read as the end comes near): run 1 is the last row.
    await expect
      .poll(async () => {
        await page.locator('[data-testid="runs-scroller"]').evaluate((el) => (el.scrollTop = el.scrollHeight))
        return page.locator('tr[data-run-id="1"]').count()
      })
      .toBe(1)
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
    await expect.poll(() => countText(page)).toContain('11 of 1,000 runs')
    await page.getByTestId('runs-filter').fill('')

    await page.getByRole('button', { name: /^failed/ }).click()
    await expect.poll(() => countText(page)).toContain('20 of 1,000 runs')
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
    await expect.poll(() => countText(page)).toContain(`${expectedBelow} of 1,000 runs`)
    expect(page.url()).toContain('where=bestValLoss')

    // A config condition on top: the table fetches every config it needs to decide.
    await page.getByRole('combobox', { name: 'Field' }).selectOption('latentDim')
    await page.getByRole('combobox', { name: 'Comparison' }).selectOption('>=')
    await page.getByRole('textbox', { name: 'Value' }).fill('6')
    await page.getByRole('button', { name: 'Add condition' }).click()
    const expectedBoth = seeded.filter((run, i) => bestOf(run) < threshold && LATENT[i % 5] >= 6).length
    expect(expectedBoth).toBeGreaterThan(10)
    await expect.poll(() => countText(page), { timeout: 30_000 }).toContain(`${expectedBoth} of 1,000 runs`)
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
    await expect.poll(() => countText(page)).toContain('1,000 runs')
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
    await page.getByRole('row', { name: '← / → Lower / raise the threshold one score Run · Anomalies' }).waitFor()
    await screenshot(page, 'desk-shortcuts-help')
    await page.keyboard.press('Escape')
    await page.getByRole('radio', { name: 'Dark' }).click()
    await screenshot(page, 'desk-runs-1000-dark')
    expect(errors).toEqual([])
  })

  it('groups replicates by config with their count and mean ± sd, and opens a group to its runs', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    await page.goto(`${workbench.server.url}#/runs`)
    await page.locator('tr[data-run-id]').first().waitFor()
    await page.getByTestId('group-by-config').click()
    // latentDim × klWeight: 25 configs, each run 40 times with another seed.
    await expect.poll(() => page.getByTestId('groups-count').textContent()).toContain('25 configs')
    const rows = page.locator('tr[data-group-key]')
    expect(await rows.count()).toBe(25)
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('40')
    expect(await rows.first().locator('td').nth(4).textContent()).toMatch(/^\d\.\d+ ± \d\.\d+/)
    expect(page.url()).toContain('group=1')
    await rows.first().getByRole('button', { name: 'Runs of this config (40)' }).click()
    await expect.poll(() => page.locator('.members li').count()).toBe(40)
    await screenshot(page, 'desk-runs-grouped')
    expect(errors).toEqual([])
    await page.close()
  })
})

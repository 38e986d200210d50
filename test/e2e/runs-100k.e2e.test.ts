import { describe, expect, it } from 'vitest'
import { databaseFile, ensureWritableDir } from '../../src/main/lab/data-dir'
import { WorkbenchStore } from '../../src/main/lab/store/workbench-store'
import { seededConfig, seedRuns } from '../helpers/seed-runs'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

const RUNS = 100_000
const THRESHOLD = 0.2

/** The id of the newest run whose config has this latentDim (ties in a descending sort go newest first). */
function newestWithLatent(latentDim: number): number {
  for (let i = RUNS - 1; i >= 0; i--) if (seededConfig(i).latentDim === latentDim) return i + 1
  throw new Error('none')
}

describe('the runs table with 100,000 runs in Chromium against seqvae serve', () => {
  let belowThreshold = 0
  const workbench = serveWorkbenchForSuite('seqvae-runs-100k-', (dataDir) => {
    ensureWritableDir(dataDir)
    const store = WorkbenchStore.open(databaseFile(dataDir))
    seedRuns(store.db, { runs: RUNS, epochs: 5 })
    belowThreshold = store.listing.page({ where: [{ field: 'bestValLoss', op: '<', value: String(THRESHOLD) }], limit: 1 }).total
    store.close()
  })

  it('scrolls page after page, sorts by a config field and filters by a metric', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    const countText = () => page.getByTestId('runs-count').textContent()
    await page.goto(`${workbench.server.url}#/runs`)
    await page.locator('tr[data-run-id]').first().waitFor()
    expect(await countText()).toContain('100,000 runs')
    expect(await page.locator('tr[data-run-id]').first().getAttribute('data-run-id')).toBe(String(RUNS))

    // To the end of what is read, again and again: pages arrive, the DOM keeps a window of rows.
    const scroller = page.getByTestId('runs-scroller')
    for (let i = 0; i < 4; i++) {
      const before = await scroller.evaluate((el) => el.scrollHeight)
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
      await expect.poll(() => scroller.evaluate((el) => el.scrollHeight)).toBeGreaterThan(before)
    }
    expect(await page.locator('tr[data-run-id]').count()).toBeLessThan(60)
    const deep = Number(await page.locator('tr[data-run-id]').last().getAttribute('data-run-id'))
    expect(deep).toBeLessThan(RUNS - 800)
    await screenshot(page, 'runs-100k-scrolled')

    // Sort by a config field, highest first: the newest run with the largest latentDim heads the table.
    await page.getByRole('button', { name: 'latentDim' }).click()
    await page.getByRole('button', { name: 'latentDim' }).click()
    expect(page.url()).toContain('sort=-latentDim')
    await expect.poll(() => page.locator('tr[data-run-id]').first().getAttribute('data-run-id')).toBe(String(newestWithLatent(16)))

    // Filter by a final metric: the count is the Lab's.
    await page.getByRole('combobox', { name: 'Field' }).selectOption('bestValLoss')
    await page.getByRole('combobox', { name: 'Comparison' }).selectOption('<')
    await page.getByRole('textbox', { name: 'Value' }).fill(String(THRESHOLD))
    await page.getByRole('button', { name: 'Add condition' }).click()
    expect(belowThreshold).toBeGreaterThan(100)
    expect(belowThreshold).toBeLessThan(RUNS)
    await expect.poll(() => countText()).toContain(`${belowThreshold.toLocaleString('en-US')} of 100,000 runs`)
    const best = Number(await page.locator('tr[data-run-id]').first().locator('td').nth(8).textContent().then((t) => t?.trim().split(' ')[0]))
    expect(best).toBeLessThan(THRESHOLD)
    await screenshot(page, 'runs-100k-sorted-filtered')
    expect(errors).toEqual([])
    await page.close()
  })
})

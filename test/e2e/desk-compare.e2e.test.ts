import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RUN_CONFIG_FIELDS } from '../../src/shared/run-config'
import { seedRuns, type SeededRun } from './desk-helpers/seed-runs'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

const LATENT = [2, 3, 4, 6, 8]
const KL = [0.001, 0.005, 0.01, 0.05, 0.1]
const EPOCHS = 12

/** Reads a CSV this app wrote (RFC 4180; none of these cells hold quotes or line breaks). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\r\n')
  const columns = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])))
}

async function download(page: Page, menu: string, item: string): Promise<string> {
  await page.locator('summary', { hasText: menu }).click()
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()])
  return file.path()
}

describe('comparing 25 runs in Chromium against seqvae serve', () => {
  let seeded: SeededRun[]
  // 25 finished runs with real metric rows, written through the store (training 25 runs would take minutes).
  const workbench = serveWorkbenchForSuite('seqvae-desk-compare-', (dataDir) => {
    seeded = seedRuns(
      dataDir,
      LATENT.flatMap((latentDim) => KL.map((klWeight) => ({ config: { latentDim, klWeight }, name: `z${latentDim} λ${klWeight}`, epochs: EPOCHS }))),
    )
  })

  it('selects 25 runs, compares them with only the differences, reopens the bookmark identically and exports CSV', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })

    await page.goto(`${workbench.server.url}#/compare`)
    await page.getByText('Nothing to compare yet').waitFor()
    await screenshot(page, 'desk-compare-empty')

    await page.goto(`${workbench.server.url}#/runs`)
    await page.locator('tr[data-run-id]').first().waitFor()
    await expect.poll(() => page.getByTestId('runs-count').textContent()).toContain('25 runs')
    await page.keyboard.press('a')
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('25 selected')
    await screenshot(page, 'desk-runs-25-selected')
    await page.keyboard.press('c')

    const table = page.getByTestId('compare-table')
    await table.locator('tbody tr').nth(24).waitFor()
    expect(await page.getByTestId('compare-count').textContent()).toBe('25 runs')
    const ids = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-run-id'))))
    expect([...ids].sort((a, b) => a - b)).toEqual(seeded.map((r) => r.id))
    // 25 distinct colours, the same the charts use for the same runs.
    const swatches = await table.locator('.swatch').evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor))
    expect(new Set(swatches).size).toBe(25)
    expect(await page.locator('.chart-card canvas').count()).toBeGreaterThanOrEqual(6)

    // Only differences (the default): exactly the two swept fields; everything else listed as shared.
    const configColumns = () => table.getByTestId('config-column').allTextContents()
    expect(await configColumns()).toEqual(['Latent dimensions', 'KL weight λ'])
    await expect.poll(() => page.getByTestId('shared-values').textContent()).toContain('Hidden units 40')
    await page.getByTestId('only-differences').uncheck()
    await expect.poll(async () => (await configColumns()).length).toBe(Object.keys(RUN_CONFIG_FIELDS).length)
    await page.keyboard.press('d')
    await expect.poll(configColumns).toEqual(['Latent dimensions', 'KL weight λ'])

    // Best value and its epoch per run, from the real stored rows.
    const first = seeded[0]
    const best = first.epochs.reduce((a, b) => (b.valLoss < a.valLoss ? b : a))
    const firstRow = table.locator(`tr[data-run-id="${first.id}"]`)
    await expect.poll(() => firstRow.locator('td.metric').first().textContent()).toContain(`@${best.epoch}`)

    // View state: log scale, smoothing, recon/KL from training, scatter axis, a baseline.
    await page.getByTestId('log-scale').check()
    await page.getByTestId('smoothing').fill('0.6')
    await page.getByRole('radio', { name: 'training' }).click()
    await page.getByTestId('scatter-x').selectOption('klWeight')
    await firstRow.getByRole('button', { name: `Use ${first.name} as baseline` }).click()
    await expect.poll(() => firstRow.getAttribute('class')).toContain('baseline')
    await expect.poll(() => page.url()).toContain('base=')
    const bookmark = page.url()
    // Off the table, so no run is highlighted in the screenshots.
    await page.mouse.move(5, 5)
    expect(bookmark).toMatch(/log=1/)
    expect(bookmark).toMatch(/smooth=0\.6/)
    await screenshot(page, 'desk-compare-25-runs')

    // The bookmark, opened fresh, shows the same comparison.
    const { page: reopened, errors: reopenedErrors } = await workbench.openPage({ width: 1360, height: 900 })
    await reopened.goto(bookmark)
    const table2 = reopened.getByTestId('compare-table')
    await table2.locator('tbody tr').nth(24).waitFor()
    expect(await table2.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-run-id'))))).toEqual(ids)
    expect(await table2.getByTestId('config-column').allTextContents()).toEqual(['Latent dimensions', 'KL weight λ'])
    expect(await reopened.getByTestId('log-scale').isChecked()).toBe(true)
    expect(await reopened.getByTestId('smoothing').inputValue()).toBe('0.6')
    expect(await reopened.getByRole('radio', { name: 'training' }).getAttribute('aria-checked')).toBe('true')
    expect(await reopened.getByTestId('scatter-x').inputValue()).toBe('klWeight')
    expect(await table2.locator(`tr[data-run-id="${first.id}"]`).getAttribute('class')).toContain('baseline')
    expect(reopenedErrors).toEqual([])
    await reopened.close()

    // Exports: the compared table and the per-epoch metrics, checked against what was stored.
    const runsCsv = readCsv(await download(page, 'Export', 'Runs table as CSV'))
    expect(runsCsv.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(seeded.map((r) => r.id))
    const firstCsv = runsCsv.find((r) => Number(r.id) === first.id)!
    expect(firstCsv).toMatchObject({ name: first.name, status: 'finished', latentDim: '2', klWeight: '0.001', hiddenUnits: '40', bestEpoch: String(best.epoch) })
    expect(Number(firstCsv.bestValLoss)).toBe(best.valLoss)
    const metricsCsv = readCsv(await download(page, 'Export', 'Metrics per epoch as CSV'))
    expect(metricsCsv).toHaveLength(25 * EPOCHS)
    const firstEpoch3 = metricsCsv.find((r) => Number(r.runId) === first.id && r.epoch === '3')!
    expect(Number(firstEpoch3.valLoss)).toBe(first.epochs[2].valLoss)

    // PNG of a chart.
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download loss as PNG' }).click()])
    const bytes = readFileSync(await png.path())
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(bytes.length).toBeGreaterThan(5000)

    await page.getByRole('radio', { name: 'Dark' }).click()
    await page.waitForTimeout(200)
    await screenshot(page, 'desk-compare-25-runs-dark')
    expect(errors).toEqual([])
  })
})

import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { FINAL_STATUSES, type RunSummary } from '../../src/shared/api'
import { mean, standardDeviation } from '../../src/shared/summary-stats'
import { formatMetric } from '../../src/renderer/src/lib/format/number-format'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

/** Real runs small enough to train in seconds each. */
const TINY = { epochs: '3', trainLimit: '128', valLimit: '64', evalLimit: '32', hiddenUnits: '8' }

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await page.locator(`input[name="${field}"]`).fill(value)
}

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\r\n')
  const columns = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])))
}

describe('replicate groups: repeat a run with N seeds and compare the group as a band', () => {
  const workbench = serveWorkbenchForSuite('seqvae-replicates-', undefined, () => ['--jobs', '2'])

  it('queues 3 seeds from the form; the compare page draws one band per group whose mean is the members’ mean', async () => {
    const { page, errors } = await workbench.openPage({ width: 1360, height: 900 })
    await page.goto(`${workbench.server.url}#/new`)
    await page.locator('input[name="latentDim"]').waitFor()

    // The reference protocol preset sets the write-up's protocol in the form.
    await page.getByTestId('preset-reference').click()
    expect(await page.locator('input[name="epochs"]').inputValue()).toBe('100')
    expect(await page.locator('input[name="earlyStoppingPatience"]').inputValue()).toBe('3')
    expect(await page.locator('select[name="valSplit"]').inputValue()).toBe('tail')

    await fill(page, { ...TINY, name: 'tail trio' })
    await page.getByTestId('replicates').fill('3')
    await expect.poll(() => page.getByTestId('start-runs').textContent()).toContain('Queue 3 runs')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'replicates-new-run')
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)

    const trio = (await workbench.api.listRuns()).filter((r) => r.name.startsWith('tail trio'))
    expect(trio.map((r) => r.name).sort()).toEqual(['tail trio · seed 42', 'tail trio · seed 43', 'tail trio · seed 44'])
    const configs = await Promise.all(trio.map(async (r) => (await workbench.api.getRun(r.id)).config))
    for (const config of configs) expect({ ...config, seed: 0 }).toEqual({ ...configs[0], seed: 0 })
    expect(configs[0]).toMatchObject({ earlyStoppingPatience: 3, valSplit: 'tail', epochs: 3 })

    // A second group of two, through the API as the CLI's --replicates makes it (another latent size).
    for (const seed of [7, 8]) await workbench.api.createRun({ epochs: 3, trainLimit: 128, valLimit: 64, evalLimit: 32, hiddenUnits: 8, latentDim: 2, seed }, `z2 · seed ${seed}`)
    const runs = await waitUntil(
      'the five runs to finish',
      async () => {
        const all = await workbench.api.listRuns()
        return all.length === 5 && all.every((r) => FINAL_STATUSES.includes(r.status)) ? all : undefined
      },
      { timeoutMs: 240_000, intervalMs: 500 },
    )
    expect(runs.map((r) => r.status)).toEqual(['finished', 'finished', 'finished', 'finished', 'finished'])

    const ids = runs.map((r) => r.id).sort((a, b) => a - b)
    await page.goto(`${workbench.server.url}#/compare?runs=${ids.join(',')}`)
    await page.getByTestId('compare-table').locator('tbody tr').nth(4).waitFor()
    await page.getByTestId('group-seeds').check()
    const groupRows = page.getByTestId('replicate-groups').locator('tbody tr')
    await expect.poll(() => groupRows.count()).toBe(2)

    const series = new Map((await workbench.api.getMetrics(ids)).map((s) => [s.runId, s.epochs]))
    const groups: RunSummary[][] = [runs.filter((r) => r.name.startsWith('tail trio')), runs.filter((r) => r.name.startsWith('z2'))]
    for (const [g, members] of groups.entries()) {
      const memberIds = members.map((r) => r.id).sort((a, b) => a - b)
      const row = groupRows.nth(g)
      expect((await row.getAttribute('data-run-ids'))!.split(',').map(Number).sort((a, b) => a - b)).toEqual(memberIds)
      // The table: mean ± sd of every metric, here the best val_loss, from the stored metrics.
      const best = memberIds.map((id) => Math.min(...series.get(id)!.map((m) => m.valLoss)))
      expect(await row.locator('[data-column="best-valLoss"]').textContent()).toBe(`${formatMetric(mean(best))} ± ${formatMetric(standardDeviation(best))}`)
    }
    await screenshot(page, 'replicates-compare-groups')

    // The bands as drawn, exported: per group and epoch, the mean and ± one sd of the members' val_loss.
    await page.locator('summary', { hasText: 'Export' }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Group curves as CSV' }).click()])
    const bands = readCsv(await download.path()).filter((r) => r.metric === 'valLoss')
    expect(new Set(bands.map((r) => r.runIds)).size).toBe(2)
    for (const members of groups) {
      const memberIds = members.map((r) => r.id)
      const mine = bands.filter((r) => r.runIds.split(' ').map(Number).sort((a, b) => a - b).join() === [...memberIds].sort((a, b) => a - b).join())
      expect(mine.map((r) => Number(r.epoch))).toEqual([1, 2, 3])
      for (const r of mine) {
        const values = memberIds.map((id) => series.get(id)!.find((m) => m.epoch === Number(r.epoch))!.valLoss)
        expect(Number(r.mean)).toBeCloseTo(mean(values), 12)
        expect(Number(r.lower)).toBeCloseTo(mean(values) - standardDeviation(values), 12)
        expect(Number(r.upper)).toBeCloseTo(mean(values) + standardDeviation(values), 12)
      }
    }

    // min–max instead of ± sd.
    await page.getByRole('radio', { name: 'min–max' }).click()
    await expect.poll(() => page.url()).toContain('band=minmax')
    await screenshot(page, 'replicates-compare-minmax')
    expect(errors).toEqual([])
  })
})

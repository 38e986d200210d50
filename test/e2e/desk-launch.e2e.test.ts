import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../src/shared/api'
import { FINAL_STATUSES } from '../../src/shared/api'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

/** Tiny limits: a run trains in seconds on two shared cores. */
// Enough samples that the fused engine trains for a second or two, so the live bar has
// intermediate values to show; a 1,024-sample run can finish between two looks at the page.
const TINY = { epochs: '3', trainLimit: '8192', valLimit: '64', evalLimit: '64' }

/** Looks at the live card often: a tiny run can pass through a state between two slower looks. */
const LIVE_POLL = { intervalMs: 40 }

async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await page.locator(`input[name="${field}"]`).fill(value)
}

describe('launching, watching and cancelling runs from the GUI against seqvae serve', () => {
  const workbench = serveWorkbenchForSuite('seqvae-desk-launch-')
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    ;({ page, errors } = await workbench.openPage({ width: 1360, height: 900 }))
  })

  it('refuses an invalid config inline, launches a valid one and shows its progress live to the end', async () => {
    await page.goto(`${workbench.server.url}#/new`)
    await page.locator('input[name="latentDim"]').waitFor()
    await screenshot(page, 'desk-new-run-reference')

    await fill(page, { ...TINY, latentDim: '0', name: 'e2e live run' })
    // The schema's sentence appears under the field as soon as it is typed…
    const latentError = page.locator('#field-latentDim-error')
    await expect.poll(() => latentError.textContent()).toBe('latentDim must be an integer between 1 and 64')
    // …and starting is refused without a request to the Lab.
    await page.getByTestId('start-runs').click()
    await expect.poll(() => page.getByTestId('form-invalid').textContent()).toContain('Latent dimensions')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('latentDim')
    expect(await workbench.api.listRuns()).toEqual([])
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'desk-new-run-invalid')

    await fill(page, { latentDim: '2' })
    await expect.poll(() => latentError.count()).toBe(0)
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)

    const [run] = await workbench.api.listRuns()
    expect(run).toMatchObject({ name: 'e2e live run', epochs: 3 })
    expect((await workbench.api.getRun(run.id)).config).toMatchObject({ latentDim: 2, trainLimit: Number(TINY.trainLimit) })

    // While it trains, the live card's bar moves forward and its epoch counter reads k / 3.
    const card = page.locator(`[data-testid="live-run"][data-run-id="${run.id}"]`)
    await card.waitFor({ timeout: 60_000 })
    const seen: number[] = []
    const epochs = new Set<string>()
    let shot = false
    const row = page.locator(`tr[data-run-id="${run.id}"]`)
    await waitUntil('the run to finish', async () => {
      if ((await row.getAttribute('data-status')) === 'finished') return true
      const value = await card.getByRole('progressbar').getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null)
      if (value !== null) seen.push(Number(value))
      const epoch = await card.getByTestId('live-epoch').textContent({ timeout: 200 }).catch(() => null)
      if (epoch) epochs.add(epoch)
      if (!shot && seen.length > 0 && seen.at(-1)! >= 40 && seen.at(-1)! < 95) {
        shot = true
        await screenshot(page, 'desk-live-training')
      }
      return undefined
    }, LIVE_POLL)
    // Not checked: that the bar never steps back (useRunPages drops a run's live progress only after
    // re-reading its row on the status event, but an epoch event's re-read can still race a progress event).
    expect(seen.some((v) => v > 0 && v < 100), `bar values: ${seen.join(',')}`).toBe(true)
    expect([...epochs].every((e) => /^[1-3] \/ 3$/.test(e)), [...epochs].join(',')).toBe(true)
    await expect.poll(() => row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    await expect.poll(() => card.count()).toBe(0)
    await screenshot(page, 'desk-runs-finished')
  })

  it('clones a run, launches the clone and cancels it while it trains', async () => {
    const [source] = await workbench.api.listRuns()
    await page.goto(`${workbench.server.url}#/new?from=${source.id}`)
    await expect.poll(() => page.locator('input[name="latentDim"]').inputValue()).toBe('2')
    expect(await page.locator('input[name="trainLimit"]').inputValue()).toBe(TINY.trainLimit)
    await fill(page, { epochs: '40', name: 'e2e cancel me' })
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)

    const clone = (await workbench.api.listRuns()).find((r) => r.name === 'e2e cancel me')!
    const card = page.locator(`[data-testid="live-run"][data-run-id="${clone.id}"]`)
    await waitUntil('the clone to train', async () => {
      const value = Number(await card.getByRole('progressbar').getAttribute('aria-valuenow', { timeout: 200 }).catch(() => '0'))
      return value > 0 ? value : undefined
    }, LIVE_POLL)
    await card.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.locator(`tr[data-run-id="${clone.id}"]`).getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled')
    expect((await workbench.api.getRun(clone.id)).status).toBe('cancelled')
  })

  it('queues a 3×2 sweep from the form as six runs, one per combination', async () => {
    await page.goto(`${workbench.server.url}#/new`)
    await fill(page, { epochs: '1', trainLimit: '64', valLimit: '32', evalLimit: '32', name: 'sweep' })
    await page.getByRole('button', { name: '+ Sweep a field' }).click()
    await page.locator('input[name="sweep-0"]').fill('2, 3, 4')
    await page.getByRole('button', { name: '+ Sweep a second field' }).click()
    await page.locator('input[name="sweep-1"]').fill('0.01, 2')
    await expect.poll(() => page.getByTestId('sweep-error').textContent()).toBe('"2": klWeight must be a number from 0 to 1')
    await page.locator('input[name="sweep-1"]').fill('0.01, 0.1')
    await expect.poll(() => page.getByTestId('start-runs').textContent()).toContain('Queue 6 runs')
    expect(await page.getByTestId('sweep-preview').textContent()).toBe('3 × 2 = 6 runs, e.g. “latentDim=2 · klWeight=0.01”.')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'desk-new-run-sweep')

    const before = new Set((await workbench.api.listRuns()).map((r) => r.id))
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)
    const sweep = (await workbench.api.listRuns()).filter((r) => !before.has(r.id)).sort((a, b) => a.id - b.id)
    expect(sweep.map((r) => r.name)).toEqual([
      'sweep · latentDim=2 · klWeight=0.01',
      'sweep · latentDim=2 · klWeight=0.1',
      'sweep · latentDim=3 · klWeight=0.01',
      'sweep · latentDim=3 · klWeight=0.1',
      'sweep · latentDim=4 · klWeight=0.01',
      'sweep · latentDim=4 · klWeight=0.1',
    ])
    const configs = await Promise.all(sweep.map(async (r) => (await workbench.api.getRun(r.id)).config))
    expect(configs.map((c) => [c.latentDim, c.klWeight, c.epochs, c.trainLimit])).toEqual([
      [2, 0.01, 1, 64], [2, 0.1, 1, 64], [3, 0.01, 1, 64], [3, 0.1, 1, 64], [4, 0.01, 1, 64], [4, 0.1, 1, 64],
    ])

    // The queue shows behind the running run, and can be emptied at once.
    const queue = page.getByTestId('run-queue')
    await expect.poll(async () => queue.locator('li').count()).toBeGreaterThanOrEqual(4)
    await screenshot(page, 'desk-runs-sweep-queued')
    await queue.getByRole('button', { name: 'Cancel all queued' }).click()
    for (const run of sweep) {
      const current = await workbench.api.getRun(run.id)
      if (!FINAL_STATUSES.includes(current.status)) await workbench.api.cancelRun(run.id).catch(() => undefined)
    }
    const settled = async () => (await workbench.api.listRuns()).filter((r: RunSummary) => !FINAL_STATUSES.includes(r.status)).length
    await expect.poll(settled, { timeout: 30_000 }).toBe(0)
    await expect.poll(() => queue.count()).toBe(0)
    expect(errors).toEqual([])
  })
})

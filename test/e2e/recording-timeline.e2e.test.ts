import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

const ROWS = 2400
/** A spike every 200 minutes, marked in the label column; a few readings missing. */
const isSpike = (i: number) => i % 200 === 137
const isGap = (i: number) => i === 41 || i === 1500 || i === 1501

/** One sensor recording a minute apart, as a logger exports it: ISO times, two features, a label. */
function recordingCsv(): string {
  const lines = ['timestamp,temperature,pressure,label']
  for (let i = 0; i < ROWS; i++) {
    const time = new Date(Date.UTC(2025, 2, 1) + i * 60_000).toISOString().replace('.000Z', 'Z')
    const temperature = 20 + 2 * Math.sin((2 * Math.PI * i) / 60) + 0.05 * Math.sin(i * 12.9898) + (isSpike(i) ? 6 : 0)
    const pressure = 1000 + 3 * Math.cos((2 * Math.PI * i) / 90)
    lines.push(`${time},${isGap(i) ? '' : temperature.toFixed(3)},${pressure.toFixed(2)},${isSpike(i) ? 1 : 0}`)
  }
  return lines.join('\n') + '\n'
}

describe('a recording with gaps, imported in Chromium, trained on, and its anomaly timeline', () => {
  const workbench = serveWorkbenchForSuite('seqvae-e2e-recording-')
  let page: Page
  let errors: string[]
  let runId: number

  beforeAll(async () => {
    ;({ page, errors } = await workbench.openPage({ width: 1360, height: 1000 }))
  })

  it('previews the recording, refuses its gaps with the line and the option, then imports it interpolated', async () => {
    await page.goto(`${workbench.server.url}#/datasets`)
    await page.getByTestId('dataset-list').locator('[data-dataset="mnist"]').waitFor()
    await page.getByTestId('dataset-file').setInputFiles({ name: 'Boiler Log.csv', mimeType: 'text/csv', buffer: Buffer.from(recordingCsv()) })
    const preview = page.getByTestId('import-preview')
    await expect.poll(() => preview.getAttribute('data-format')).toBe('series')
    await page.locator('input[name="window"]').fill('32')
    await page.locator('input[name="stride"]').fill('8')
    await page.locator('input[name="normalisation"][value="z-score"]').check()
    // The preview names each column's role, and the gap that an import would refuse.
    const roles = await page.getByTestId('preview-column').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-role')))
    expect(roles).toEqual(['time', 'feature', 'feature', 'label'])
    await expect.poll(() => page.getByTestId('preview-problem').textContent()).toContain('line 43, column 2 (temperature): the value is missing')
    await screenshot(page, 'recording-import-preview-gap')

    await page.getByTestId('import-submit').click()
    const message = page.getByTestId('import-error')
    await message.waitFor()
    expect(await message.textContent()).toBe(
      'Boiler Log.csv, line 43, column 2 (temperature): the value is missing; to fill gaps from their neighbours choose “interpolate” for missing values (--missing interpolate), or “drop” to leave out such rows (--missing drop)',
    )
    expect((await workbench.api.listDatasets()).some((d) => d.name === 'boiler-log')).toBe(false)
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)'])
    errors.length = 0

    await page.getByTestId('missing-policy').selectOption('interpolate')
    await expect.poll(() => page.getByTestId('preview-problem').count()).toBe(0)
    expect(await page.getByTestId('preview-windows').textContent()).toMatch(/^2,400 timestamps \(2025-03-01 → 2025-03-02T15:59:00Z\) cut into \d+ windows of 32 every 8/)
    await page.getByTestId('import-submit').click()
    const detail = page.locator('[data-testid="dataset-detail"][data-dataset="boiler-log"]')
    await detail.getByTestId('import-success').waitFor()
    await detail.getByTestId('recording-overview').locator('canvas').waitFor()
    const facts = await detail.locator('dl.facts').innerText()
    expect(facts).toMatch(/Recording\s+2,400 timestamps, 2025-03-01 → 2025-03-02T15:59:00Z \(iso; missing values: interpolate\)/)
    expect(facts).toMatch(/Split by time\s+training \d+ windows .* validation \d+ .* evaluation \d+ .*a window's gap between each/)
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'recording-dataset-split')
    expect(errors).toEqual([])
  })

  it('trains on it from its page', async () => {
    await page.locator('[data-dataset="boiler-log"]').getByTestId('train-on-dataset').click()
    await page.waitForURL(/#\/new\?dataset=boiler-log/)
    await expect.poll(() => page.locator('select[name="likelihood"]').inputValue()).toBe('gaussian')
    const values = { epochs: '15', hiddenUnits: '16', batchSize: '32', learningRate: '0.01', name: 'e2e recording' }
    for (const [field, value] of Object.entries(values)) await page.locator(`input[name="${field}"]`).fill(value)
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)
    const run = await waitUntil('the run to finish', async () => {
      const [r] = await workbench.api.listRuns()
      if (r?.status === 'failed' || r?.status === 'crashed') throw new Error(`the run ${r.status}: ${r.error}`)
      return r?.status === 'finished' ? r : undefined
    })
    runId = run.id
  })

  it('draws the timeline, shades what the threshold flags, and zooms to a flagged span when it is clicked', async () => {
    await page.goto(`${workbench.server.url}#/runs/${runId}/anomalies`)
    const timeline = page.getByTestId('recording-timeline')
    await timeline.getByTestId('timeline-chart').locator('canvas').waitFor({ timeout: 30_000 })
    const spanCount = async () => Number(await timeline.getByTestId('span-count').textContent())
    // Labelled timestamps: the picker moves along the timestamps' curves.
    const slider = timeline.getByTestId('threshold-slider')
    await slider.focus()
    const before = await spanCount()
    const lowest = (await slider.inputValue()) === '0'
    for (let i = 0; i < 40; i++) await slider.press(lowest ? 'ArrowRight' : 'ArrowLeft')
    await expect.poll(spanCount).not.toBe(before)
    // Back to where flagged spans are few enough to read, then open the first.
    await slider.press('End')
    for (let i = 0; i < 30 && (await spanCount()) === 0; i++) await slider.press('ArrowLeft')
    expect(await spanCount()).toBeGreaterThan(0)
    await timeline.getByTestId('flagged-span').first().click()
    await timeline.getByTestId('timeline-reset-zoom').waitFor()
    expect(await timeline.getByTestId('flagged-span').first().getAttribute('aria-pressed')).toBe('true')
    await timeline.scrollIntoViewIfNeeded()
    await screenshot(page, 'recording-timeline-zoomed')
    expect(errors).toEqual([])
  })
})

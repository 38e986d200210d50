import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkbenchApi } from '../../src/shared/api'
import { createHttpWorkbench } from '../../src/renderer/src/api/http-workbench'
import { collectPageErrors, launchChromium, requireBuiltRenderer, screenshot } from './helpers/chromium'
import { startServeProcess, type ServeProcess } from './helpers/serve-process'

const SERIES = 200
const STEPS = 32
/** Every fifth series carries a spike, so the 20 % test split holds several anomalies. */
const isAnomalous = (i: number) => i % 5 === 2

/** Mulberry32: the same file on every run of the test. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Long CSV of noisy sines around 10 (original units far from [0, 1]), a few with a spike of +6. */
function sinesCsv(): string {
  const next = random(7)
  const lines = ['series_id,t,value,label']
  for (let i = 0; i < SERIES; i++) {
    const phase = next() * 2 * Math.PI
    const frequency = 1 + next()
    const spikeAt = 4 + Math.floor(next() * (STEPS - 8))
    for (let t = 0; t < STEPS; t++) {
      let v = 10 + 2 * Math.sin(phase + (2 * Math.PI * frequency * t) / STEPS) + 0.1 * (next() - 0.5)
      if (isAnomalous(i) && Math.abs(t - spikeAt) <= 1) v += t === spikeAt ? 6 : 3
      lines.push(`s${i},${t},${v.toFixed(4)},${isAnomalous(i) ? 'anomalous' : 'normal'}`)
    }
  }
  return lines.join('\n') + '\n'
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const countOf = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/\D+/g, ''))

describe('importing a dataset and finding its anomalies in Chromium against seqvae serve', () => {
  let dataDir: string
  let server: ServeProcess
  let browser: Browser
  let api: WorkbenchApi
  let page: Page
  let errors: string[]
  let runId: number

  beforeAll(async () => {
    requireBuiltRenderer()
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-e2e-anomaly-'))
    ;[server, browser] = await Promise.all([startServeProcess(dataDir), launchChromium()])
    api = createHttpWorkbench({ baseUrl: server.origin, token: server.token })
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } })
    errors = collectPageErrors(page)
  })
  afterAll(async () => {
    await browser?.close()
    if (server) expect(await server.stop()).toBe(0)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('imports a long-CSV file chosen with the file input and previews it in its own units', async () => {
    await page.goto(`${server.url}#/datasets`)
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Datasets' }).waitFor()
    await page.getByTestId('dataset-list').locator('[data-dataset="mnist"]').waitFor()

    const started = performance.now()
    await page.getByTestId('dataset-file').setInputFiles({ name: 'Spiky Sines.csv', mimeType: 'text/csv', buffer: Buffer.from(sinesCsv()) })
    // The name the Lab would pick is filled in, and can be changed before importing.
    expect(await page.locator('input[name="dataset-name"]').inputValue()).toBe('spiky-sines')
    await page.locator('input[name="normalisation"][value="z-score"]').check()
    await page.getByTestId('import-submit').click()
    const detail = page.locator('[data-testid="dataset-detail"][data-dataset="spiky-sines"]')
    await detail.getByTestId('import-success').waitFor()
    await detail.getByTestId('dataset-preview').locator('canvas').first().waitFor()
    console.log(`import of ${SERIES} series shown ${(performance.now() - started).toFixed(0)} ms after the click`)

    const facts = await detail.locator('dl.facts').innerText()
    expect(facts).toContain('32 steps × 1 feature')
    expect(facts).toMatch(/Classes\s+2: anomalous, normal/)
    expect(facts).toMatch(/z-score .*value: \(x − 10(\.\d+)?\) \//)
    expect(facts).toContain('Spiky Sines.csv')
    // The preview draws the file's values (around 10), not the z-scores.
    const preview = await api.getDataset('spiky-sines')
    expect(Math.min(...preview.preview.data)).toBeGreaterThan(6)
    expect(page.url()).toContain('#/datasets/spiky-sines')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'datasets-import-preview')
  })

  it('says in one sentence what is wrong with a malformed file, and stores nothing', async () => {
    const broken = 'series_id,t,value,label\ns0,0,1.5,normal\ns0,1,2.5,normal\ns0,2,abc,normal\n'
    await page.getByTestId('dataset-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) })
    await page.getByTestId('import-submit').click()
    const message = page.getByTestId('import-error')
    await message.waitFor()
    const text = (await message.textContent())!.trim()
    expect(text).toMatch(/^broken\.csv, line 4/)
    expect(text).not.toContain('\n')
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/)
    expect((await api.listDatasets()).some((d) => d.name === 'broken')).toBe(false)
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'datasets-import-error')
    // The refused request is the page's only complaint; later checks start from a clean slate.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)'])
    errors.length = 0
  })

  it('imports a file dropped on the drop zone, and deletes it again', async () => {
    const ucr = Array.from({ length: 12 }, (_, i) => `${i % 2},${Array.from({ length: 8 }, (_, t) => Math.sin(i + t).toFixed(3)).join(',')}`).join('\n')
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer()
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }))
      return data
    }, ucr)
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer })
    await expect.poll(() => page.getByTestId('chosen-file').textContent()).toBe('dropped.csv')
    expect(await page.locator('input[name="dataset-name"]').inputValue()).toBe('dropped')
    await page.getByTestId('import-submit').click()
    const detail = page.locator('[data-testid="dataset-detail"][data-dataset="dropped"]')
    await detail.getByTestId('dataset-preview').waitFor()

    await detail.getByTestId('delete-dataset').click()
    await detail.getByTestId('confirm-delete').click()
    await expect.poll(async () => (await api.listDatasets()).some((d) => d.name === 'dropped')).toBe(false)
    await expect.poll(() => page.getByTestId('dataset-list').locator('[data-dataset="dropped"]').count()).toBe(0)
  })

  it('trains on the imported dataset from its page with the suggested likelihood', async () => {
    await page.goto(`${server.url}#/datasets/spiky-sines`)
    await page.locator('[data-dataset="spiky-sines"]').getByTestId('train-on-dataset').click()
    await page.waitForURL(/#\/new\?dataset=spiky-sines/)
    await expect.poll(() => page.locator('select[name="dataset"]').inputValue()).toBe('spiky-sines')
    // z-scored data: the dataset suggests the Gaussian likelihood, and the form says so.
    await expect.poll(() => page.locator('select[name="likelihood"]').inputValue()).toBe('gaussian')
    expect(await page.locator('.field:has(select[name="likelihood"])').getByTestId('suggested-note').textContent()).toContain('Suggested for this dataset')
    await screenshot(page, 'new-run-suggested')

    const values = { epochs: '12', hiddenUnits: '16', batchSize: '16', learningRate: '0.01', name: 'e2e anomalies' }
    for (const [field, value] of Object.entries(values)) await page.locator(`input[name="${field}"]`).fill(value)
    const started = performance.now()
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)
    const run = await waitUntil('the run to finish', async () => {
      const [r] = await api.listRuns()
      if (r?.status === 'failed' || r?.status === 'crashed') throw new Error(`the run ${r.status}: ${r.error}`)
      return r?.status === 'finished' ? r : undefined
    })
    console.log(`run trained in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    expect(run.config).toMatchObject({ dataset: 'spiky-sines', likelihood: 'gaussian', epochs: 12 })
    runId = run.id
  })

  it('shows ROC and PR curves, a threshold moved by the keyboard, and where the top sample was surprising', async () => {
    await page.goto(`${server.url}#/runs/${runId}/anomalies`)
    const auc = page.getByTestId('roc-auc')
    await auc.waitFor({ timeout: 30_000 })
    const aucValue = Number(await auc.textContent())
    expect(aucValue).toBeGreaterThanOrEqual(0)
    expect(aucValue).toBeLessThanOrEqual(1)
    await page.getByTestId('roc-chart').locator('canvas').waitFor()
    await page.getByTestId('pr-chart').locator('canvas').waitFor()
    await page.getByTestId('score-histogram').locator('canvas').waitFor()
    // A Gaussian run has no BCE to score with.
    const scores = await page.getByTestId('anomaly-score').getByRole('radio').allTextContents()
    expect(scores.map((s) => s.trim())).toEqual(['max-step MSE', 'MSE', 'NLL'])

    const report = await api.getAnomalyReport(runId)
    const confusion = async () => ({
      tp: await countOf(page, 'confusion-tp'),
      fp: await countOf(page, 'confusion-fp'),
      fn: await countOf(page, 'confusion-fn'),
      tn: await countOf(page, 'confusion-tn'),
    })
    const total = (c: Awaited<ReturnType<typeof confusion>>) => c.tp + c.fp + c.fn + c.tn
    const before = await confusion()
    expect(total(before)).toBe(report.count)
    // ← lowers the threshold (flags more); at the lowest one, → raises it instead.
    const slider = page.getByTestId('threshold-slider')
    await slider.focus()
    const atLowest = (await slider.inputValue()) === '0'
    await slider.press(atLowest ? 'ArrowRight' : 'ArrowLeft')
    await slider.press(atLowest ? 'ArrowRight' : 'ArrowLeft')
    const after = await confusion()
    expect(after).not.toEqual(before)
    expect(total(after)).toBe(report.count)
    expect(after.tp + after.fp > before.tp + before.fp).toBe(!atLowest)

    const top = page.getByTestId('top-sample').first()
    const index = await top.getAttribute('data-index')
    await top.click()
    const sample = page.locator(`[data-testid="anomaly-sample"][data-index="${index}"]`)
    await sample.getByTestId('anomaly-sample-chart').locator('canvas').waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'anomaly-tab')
    expect(errors).toEqual([])
  })

  it('says plainly when the evaluation set has no labels, and still shows the scores and the top samples', async () => {
    const rows = ['series_id,t,value']
    for (let i = 0; i < 60; i++) for (let t = 0; t < 16; t++) rows.push(`q${i},${t},${Math.sin(i + t / 3).toFixed(4)}`)
    await api.importDataset({ name: 'quiet.csv', bytes: new TextEncoder().encode(rows.join('\n')) }, { normalisation: 'z-score' })
    const { id } = await api.createRun({ dataset: 'quiet', epochs: 2, hiddenUnits: 8 }, 'e2e unlabelled')
    await waitUntil('the unlabelled run to finish', async () => {
      const r = await api.getRun(id)
      if (r.status === 'failed' || r.status === 'crashed') throw new Error(`the run ${r.status}: ${r.error}`)
      return r.status === 'finished' ? r : undefined
    })
    await page.goto(`${server.url}#/runs/${id}/anomalies`)
    await expect.poll(() => page.getByTestId('no-labels').textContent()).toContain('The evaluation set has no labels')
    await page.getByTestId('score-histogram').locator('canvas').waitFor()
    expect(await page.getByTestId('top-sample').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('roc-auc').count()).toBe(0)
    expect(await page.getByTestId('threshold-picker').count()).toBe(0)
    await page.getByTestId('top-sample').first().click()
    await page.getByTestId('anomaly-sample-chart').locator('canvas').waitFor()
    await screenshot(page, 'anomaly-tab-unlabelled')
    expect(errors).toEqual([])
  })
})

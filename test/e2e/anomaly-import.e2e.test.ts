import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DatasetInfo } from '../../src/shared/api'
import { decodeWire, encodeWire } from '../../src/shared/wire-codec'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

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

const countOf = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/\D+/g, ''))

describe('importing a dataset and finding its anomalies in Chromium against seqvae serve', () => {
  const workbench = serveWorkbenchForSuite('seqvae-e2e-anomaly-')
  let page: Page
  let errors: string[]
  let runId: number

  beforeAll(async () => {
    ;({ page, errors } = await workbench.openPage({ width: 1360, height: 900 }))
  })

  it('imports a long-CSV file chosen with the file input and previews it in its own units', async () => {
    await page.goto(`${workbench.server.url}#/datasets`)
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
    const preview = await workbench.api.getDataset('spiky-sines')
    expect(Math.min(...preview.preview.data)).toBeGreaterThan(6)
    expect(page.url()).toContain('#/datasets/spiky-sines')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'datasets-import-preview')
  })

  it('says in one sentence what is wrong with a malformed file, and stores nothing', async () => {
    const broken = 'series_id,t,value,label\ns0,0,1.5,normal\ns0,1,2.5,normal\ns0,2,abc,normal\n'
    await page.getByTestId('dataset-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) })
    // The earlier import's success note goes once another file is chosen, so it cannot sit beside this error.
    await expect.poll(() => page.getByTestId('import-success').count()).toBe(0)
    await page.getByTestId('import-submit').click()
    const message = page.getByTestId('import-error')
    await message.waitFor()
    const text = (await message.textContent())!.trim()
    expect(text).toMatch(/^broken\.csv, line 4/)
    expect(text).not.toContain('\n')
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/)
    expect((await workbench.api.listDatasets()).some((d) => d.name === 'broken')).toBe(false)
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'datasets-import-error')
    // The refused request is the page's only complaint; later checks start from a clean slate.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)'])
    errors.length = 0
  })

  it('imports a file dropped on the drop zone, and deletes it again', async () => {
    // The zone stays highlighted while a drag crosses its own button, and lets go once it leaves:
    // the events Chromium fires on that path, each with its relatedTarget (where the pointer came
    // from on dragenter, went to on dragleave).
    const zone = page.getByTestId('drop-zone')
    type Place = 'zone' | 'button' | 'outside'
    const highlightedAfter = (events: [type: 'dragenter' | 'dragleave', target: Place, related: Place][]) =>
      zone.evaluate(async (element, events) => {
        const at = (place: string) => (place === 'zone' ? element : place === 'button' ? element.querySelector('button')! : document.body)
        for (const [type, target, related] of events) at(target).dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, relatedTarget: at(related) }))
        await new Promise(requestAnimationFrame)
        return element.classList.contains('over')
      }, events)
    expect(await highlightedAfter([['dragenter', 'zone', 'outside']])).toBe(true)
    expect(await highlightedAfter([['dragenter', 'button', 'zone'], ['dragleave', 'zone', 'button']])).toBe(true)
    expect(await highlightedAfter([['dragenter', 'zone', 'button'], ['dragleave', 'button', 'zone']])).toBe(true)
    expect(await highlightedAfter([['dragleave', 'zone', 'outside']])).toBe(false)

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
    await expect.poll(async () => (await workbench.api.listDatasets()).some((d) => d.name === 'dropped')).toBe(false)
    await expect.poll(() => page.getByTestId('dataset-list').locator('[data-dataset="dropped"]').count()).toBe(0)
  })

  it('shows a dataset missing on this machine as unavailable, with the command that installs it', async () => {
    // Fashion-MNIST may well be installed here: the answer to listDatasets says it is not.
    const hint = 'install it with: apt-get install dataset-fashion-mnist'
    await page.route('**/api/listDatasets', async (route) => {
      const response = await route.fetch()
      const body = decodeWire(await response.text()) as { result: DatasetInfo[] }
      body.result = body.result.map((d) => (d.name === 'fashion-mnist' ? { ...d, available: false, hint } : d))
      await route.fulfill({ response, body: encodeWire(body) })
    })
    try {
      await page.goto(`${workbench.server.url}#/datasets/fashion-mnist`)
      await page.reload()
      const item = page.getByTestId('dataset-list').locator('[data-dataset="fashion-mnist"]')
      await item.getByText('unavailable', { exact: true }).waitFor()
      expect(await item.locator('.hint').textContent()).toBe(hint)
      const detail = page.locator('[data-testid="dataset-detail"][data-dataset="fashion-mnist"]')
      expect(await detail.getByTestId('dataset-hint').textContent()).toContain(hint)
      expect(await detail.getByTestId('train-on-dataset').count()).toBe(0)
      await page.evaluate(() => window.scrollTo(0, 0))
      await screenshot(page, 'datasets-unavailable')

      // The run form offers it greyed out, the install command on hover.
      await page.goto(`${workbench.server.url}#/new`)
      const option = page.locator('select[name="dataset"] option[value="fashion-mnist"]')
      await expect.poll(() => option.textContent()).toBe('fashion-mnist · 28 × 28 images · Fashion-MNIST clothes (rows as steps) (unavailable)')
      expect(await option.evaluate((o: HTMLOptionElement) => o.disabled)).toBe(true)
      expect(await option.getAttribute('title')).toBe(hint)
    } finally {
      await page.unroute('**/api/listDatasets')
    }
    expect(errors).toEqual([])
  })

  it('trains on the imported dataset from its page with the suggested likelihood', async () => {
    await page.goto(`${workbench.server.url}#/datasets/spiky-sines`)
    await page.locator('[data-dataset="spiky-sines"]').getByTestId('train-on-dataset').click()
    await page.waitForURL(/#\/new\?dataset=spiky-sines/)
    await expect.poll(() => page.locator('select[name="dataset"]').inputValue()).toBe('spiky-sines')
    // The short name first: the file's name (the title) would not fit the picker.
    expect(await page.locator('select[name="dataset"] option:checked').textContent()).toBe('spiky-sines · 32 steps × 1 feature · imported')
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
      const [r] = await workbench.api.listRuns()
      if (r?.status === 'failed' || r?.status === 'crashed') throw new Error(`the run ${r.status}: ${r.error}`)
      return r?.status === 'finished' ? r : undefined
    })
    console.log(`run trained in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    expect(run.config).toMatchObject({ dataset: 'spiky-sines', likelihood: 'gaussian', epochs: 12 })
    runId = run.id
  })

  it('shows ROC and PR curves, a threshold moved by the keyboard, and where the top sample was surprising', async () => {
    await page.goto(`${workbench.server.url}#/runs/${runId}/anomalies`)
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

    const report = await workbench.api.getAnomalyReport(runId)
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
    await workbench.api.importDataset({ name: 'quiet.csv', bytes: new TextEncoder().encode(rows.join('\n')) }, { normalisation: 'z-score' })
    const { id } = await workbench.api.createRun({ dataset: 'quiet', epochs: 2, hiddenUnits: 8 }, 'e2e unlabelled')
    await waitUntil('the unlabelled run to finish', async () => {
      const r = await workbench.api.getRun(id)
      if (r.status === 'failed' || r.status === 'crashed') throw new Error(`the run ${r.status}: ${r.error}`)
      return r.status === 'finished' ? r : undefined
    })
    await page.goto(`${workbench.server.url}#/runs/${id}/anomalies`)
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

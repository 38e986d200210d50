import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { Lab } from '../../src/main/lab/lab'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

/** The theme's series colour of class 4 (`charts/theme-colors.ts`), which the 3-D scatter draws it in. */
const CLASS_4_RGB = [0x59, 0xa1, 0x4f]

/** The browser globals the in-page pixel reader uses, typed here because the tests compile without the DOM library. */
interface PageGlobals {
  Image: new () => { src: string; naturalWidth: number; naturalHeight: number; decode(): Promise<void> }
  OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    width: number
    height: number
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void
      getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray; width: number; height: number }
    } | null
  }
}

interface PixelStats {
  /** Pixels that differ from the most common colour (the background). */
  painted: number
  distinctColours: number
  /** The pixel (element coordinates) with the most pixels near `target` around it, or null when none is near it. */
  best: { x: number; y: number; neighbours: number } | null
}

/**
 * Reads a screenshot of `locator` back in the page (PNG → ImageData) and summarises its pixels. A
 * WebGL canvas cannot be read directly (its drawing buffer is not preserved), a screenshot can.
 */
async function pixelStats(page: Page, locator: Locator, target: number[]): Promise<PixelStats> {
  const png = (await locator.screenshot()).toString('base64')
  return page.evaluate(
    async ({ png, target }) => {
      const { Image, OffscreenCanvas } = globalThis as unknown as PageGlobals
      // The page's CSP allows data: images (not data: fetches).
      const image = new Image()
      image.src = `data:image/png;base64,${png}`
      await image.decode()
      const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight)
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height)
      const counts = new Map<number, number>()
      const near = new Uint8Array(width * height)
      for (let i = 0; i < width * height; i++) {
        const [r, g, b] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]]
        const key = (r << 16) | (g << 8) | b
        counts.set(key, (counts.get(key) ?? 0) + 1)
        // Points are drawn at 90 % opacity and antialiased: allow for the blend with the background.
        if (Math.abs(r - target[0]) + Math.abs(g - target[1]) + Math.abs(b - target[2]) < 60) near[i] = 1
      }
      const background = Math.max(...counts.values())
      let best: { x: number; y: number; neighbours: number } | null = null
      for (let y = 2; y < height - 2; y++) {
        for (let x = 2; x < width - 2; x++) {
          if (!near[y * width + x]) continue
          let neighbours = 0
          for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) neighbours += near[(y + dy) * width + x + dx]
          if (!best || neighbours > best.neighbours) best = { x, y, neighbours }
        }
      }
      return { painted: width * height - background, distinctColours: counts.size, best }
    },
    { png, target },
  )
}

describe('inside a finished run, in Chromium against seqvae serve', () => {
  let runId: number
  /** A second finished run of the same data, to compare against. */
  let otherId: number
  let page: Page
  let errors: string[]

  const workbench = serveWorkbenchForSuite('seqvae-e2e-run-', async (dataDir) => {
    const lab = Lab.open({ dataDir })
    try {
      const limits = { epochs: 2, trainLimit: 300, valLimit: 100, evalLimit: 300 }
      const runs = [await lab.createRun(limits, 'e2e run views'), await lab.createRun({ ...limits, seed: 7 }, 'e2e other seed')]
      for (const run of runs) {
        const done = await lab.waitForRun(run.id)
        if (done.status !== 'finished') throw new Error(`seed run ${run.id} ended ${done.status}: ${done.error}`)
      }
      ;[runId, otherId] = runs.map((r) => r.id)
    } finally {
      await lab.close()
    }
  })

  const openTab = async (label: string) => {
    await page.getByRole('navigation', { name: 'Run views' }).getByRole('link', { name: label }).click()
  }

  beforeAll(async () => {
    ;({ page, errors } = await workbench.openPage({ width: 1280, height: 900 }))
    const started = performance.now()
    await page.goto(`${workbench.server.url}#/runs/${runId}`)
    await page.getByRole('heading', { name: 'e2e run views' }).waitFor()
    console.log(`run page shown ${(performance.now() - started).toFixed(0)} ms after navigation`)
  })

  it('shows the overview with training curves, latent statistics per epoch and the configuration', async () => {
    await page.getByTestId('loss-charts').locator('canvas').first().waitFor()
    await page.getByTestId('latent-stat-charts').locator('canvas').first().waitFor()
    await expect.poll(() => page.getByTestId('loss-charts').locator('canvas').count()).toBe(3)
    await expect.poll(() => page.getByTestId('latent-stat-charts').locator('canvas').count()).toBe(5)
    await page.getByRole('row', { name: 'Evaluation limit 300 samples' }).waitFor()
    await screenshot(page, 'run-1-overview')
  })

  it('estimates the test log-likelihood with a progress bar, lists it by K, and compares it across runs in the compare table', async () => {
    const estimateOn = async (id: number) => {
      await page.goto(`${workbench.server.url}#/runs/${id}`)
      const panel = page.getByTestId('likelihood-panel')
      await panel.getByText('Not estimated yet.').waitFor()
      await panel.getByRole('radio', { name: 'K = 100', exact: true }).click()
      await panel.getByTestId('estimate-likelihood').click()
      await panel.getByTestId('likelihood-progress').waitFor()
      return panel
    }
    const panel = await estimateOn(otherId)
    await panel.locator('tr[data-k="100"]').waitFor()
    const own = await estimateOn(runId)
    await screenshot(page, 'run-1b-likelihood-progress')
    const row = own.locator('tr[data-k="100"]')
    await row.waitFor()
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim())
    expect(cells[0]).toBe('100')
    // Nats per sequence of 784 grey levels, with its Monte-Carlo error, and per value.
    expect(cells[1]).toMatch(/^−\d+\.\d+ ± \d+\.\d+$/)
    expect(Number(cells[2])).toBeLessThan(0)
    expect(cells[4]).toBe('300')
    await expect.poll(() => own.getByTestId('likelihood-progress').count()).toBe(0)
    await screenshot(page, 'run-1c-likelihood')

    await page.goto(`${workbench.server.url}#/compare?runs=${runId},${otherId}&base=${runId}`)
    const column = page.getByTestId('likelihood-column')
    await column.waitFor()
    expect((await column.textContent())!.trim()).toBe('log p(x) ≥ (K = 100)')
    const shown = page.getByTestId('likelihood-cell')
    await expect.poll(() => shown.first().textContent()).toContain('±')
    expect(await shown.nth(0).textContent()).toContain(cells[1])
    expect(await shown.nth(1).textContent()).toMatch(/[+−]\d/)
    await screenshot(page, 'compare-likelihood')
    expect(errors).toEqual([])
    await page.goto(`${workbench.server.url}#/runs/${runId}`)
    await page.getByRole('heading', { name: 'e2e run views' }).waitFor()
  })

  it('ranks the worst reconstructions with non-increasing errors, filters them by label, and marks the selected tile', async () => {
    await openTab('Reconstructions')
    const tiles = page.getByTestId('recon-gallery').locator('button.tile')
    await expect.poll(() => tiles.count()).toBe(24)
    const errorsShown = async () => (await tiles.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-error')))))
    const worst = await errorsShown()
    expect(worst.every((e, i) => i === 0 || e <= worst[i - 1]), `errors in gallery order: ${worst.join(', ')}`).toBe(true)
    // Each tile draws input | reconstruction | error map.
    expect(await tiles.first().locator('canvas').count()).toBe(3)
    await screenshot(page, 'run-2-reconstructions-worst')

    // The next page continues the ranking below the first page's last error.
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(async () => (await tiles.first().getAttribute('data-rank'))).toBe('25')
    const second = await errorsShown()
    expect(second[0]).toBeLessThanOrEqual(worst[worst.length - 1])

    await page.getByTestId('label-filter').selectOption({ label: '4' })
    await expect.poll(async () => (await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).every((l) => l === '4')).toBe(true)
    const labels = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))
    expect(labels.length).toBeGreaterThan(0)
    const fours = await errorsShown()
    expect(fours.every((e, i) => i === 0 || e <= fours[i - 1])).toBe(true)
    expect(await tiles.first().getAttribute('data-rank')).toBe('1')

    // Selecting a tile marks its bin in the histogram and follows the sample across runs.
    const third = tiles.nth(Math.min(2, labels.length - 1))
    await third.click()
    await expect.poll(() => third.getAttribute('aria-pressed')).toBe('true')
    const index = await third.getAttribute('data-index')
    const across = page.getByTestId('sample-across-runs')
    await expect.poll(() => across.getByText(`sample ${index} · 4`).count()).toBe(1)
    expect(await page.getByTestId('error-histogram').getAttribute('data-selected-bin')).toMatch(/^\d+$/)
    // The same sample decoded by the other run, picked by its id.
    await across.getByRole('checkbox', { name: `#${otherId}` }).check()
    await across.locator(`figure[data-run-id="${otherId}"] canvas`).waitFor()
    expect(await across.locator('figure[data-run-id] canvas').count()).toBe(2)
    await screenshot(page, 'run-3-reconstructions-label-4')
  })

  it('renders the prior grid, re-rolls it, and shows off-distribution probes with log-density and nearest-code distance', async () => {
    await openTab('Generation')
    const grid = page.getByTestId('prior-grid')
    await expect.poll(() => grid.locator('canvas').count()).toBe(64)
    const firstTitle = await grid.locator('canvas').first().getAttribute('title')
    await page.getByTestId('reroll').click()
    await expect.poll(() => grid.locator('canvas').first().getAttribute('title')).not.toBe(firstTitle)
    // So does `r`, here, rather than going to the Runs page as it does elsewhere.
    const rerolledTitle = await grid.locator('canvas').first().getAttribute('title')
    await page.keyboard.press('r')
    await expect.poll(() => grid.locator('canvas').first().getAttribute('title')).not.toBe(rerolledTitle)
    expect(page.url()).toMatch(/\/generation$/)

    const probes = page.getByTestId('probe-grid')
    await expect.poll(() => probes.locator('td canvas').count()).toBe(4 * 6)
    const headers = await probes.locator('thead th').allTextContents()
    expect(headers.slice(1).map((h) => h.split('\n')[0].trim())).toEqual(['‖z‖ = 1', '‖z‖ = 2', '‖z‖ = 3', '‖z‖ = 4', '‖z‖ = 6', '‖z‖ = 8'])
    const caption = await probes.locator('td').first().locator('.caption').allTextContents()
    expect(caption[0]).toMatch(/^log p −\d/)
    expect(caption[1]).toMatch(/^NN \d/)
    await expect.poll(() => page.getByTestId('traversal-grid').locator('td canvas').count()).toBe(3 * 7)
    await expect.poll(() => page.getByTestId('interpolation').locator('canvas').count()).toBe(12)
    await screenshot(page, 'run-4-generation')

    // The other run's axes, rotated into this run's space, swept instead of this run's own.
    const ownTitle = await page.getByTestId('traversal-grid').locator('td[data-point="0"]').getAttribute('title')
    await page.locator('select[name=traversal-axes]').selectOption(String(otherId))
    await page.getByText(`Axes of run #${otherId}, fitted on 300 shared test samples`).waitFor()
    await expect.poll(() => page.getByTestId('traversal-grid').locator('td[data-point="0"]').getAttribute('title')).not.toBe(ownTitle)
    expect(await page.getByTestId('traversal-grid').locator('td canvas').count()).toBe(3 * 7)
    await page.locator('select[name=traversal-axes]').selectOption({ label: 'this run' })
  })

  it('draws the codes in 3-D and opens the sample of a clicked point', async () => {
    await openTab('Latent space')
    // The first scatter is the test codes' (the one below plays the training).
    const scatter = page.getByTestId('latent-scatter').first()
    await scatter.locator('canvas').first().waitFor()
    expect(await scatter.getAttribute('data-points')).toBe('300')
    // WebGL draws asynchronously: wait until the points are on screen.
    await expect.poll(async () => (await pixelStats(page, scatter, CLASS_4_RGB)).distinctColours, { timeout: 15_000 }).toBeGreaterThan(50)
    const all = await pixelStats(page, scatter, CLASS_4_RGB)
    expect(all.painted).toBeGreaterThan(2000)
    await screenshot(page, 'run-5-latent-3d')

    // Only class 4 left on screen: a green pixel is then a rendered point of a "4".
    const legend = page.getByTestId('class-legend')
    await legend.getByRole('button', { name: 'None' }).click()
    await legend.locator('[data-class="4"]').click()
    await expect.poll(() => legend.locator('[data-class="4"]').getAttribute('aria-pressed')).toBe('true')
    let target: PixelStats['best'] = null
    await expect
      .poll(async () => {
        target = (await pixelStats(page, scatter, CLASS_4_RGB)).best
        return target?.neighbours ?? 0
      })
      .toBeGreaterThan(6)
    const box = (await scatter.boundingBox())!
    await page.mouse.move(box.x + target!.x, box.y + target!.y)
    await page.mouse.click(box.x + target!.x, box.y + target!.y)
    const inspector = page.getByTestId('point-inspector')
    await expect.poll(() => inspector.getAttribute('data-sample'), { timeout: 10_000 }).toMatch(/^\d+$/)
    const index = Number(await inspector.getAttribute('data-sample'))
    await inspector.getByText('class 4').waitFor()
    expect(await inspector.locator('canvas').count()).toBe(3)

    // That sample: the z shown is its stored code.
    const stored = await workbench.api.getSampleAcrossRuns([runId], index)
    expect(stored.label).toBe(4)
    const run = stored.runs[0]
    if (!run.evaluated) throw new Error(run.reason)
    const shown = (await inspector.getByTestId('inspected-z').textContent())!.replace(/[()]/g, '').split(',').map((v) => Number(v.trim().replace('−', '-')))
    expect(shown).toHaveLength(3)
    shown.forEach((v, d) => expect(v).toBeCloseTo(run.zMean[d], 2))
    await legend.getByRole('button', { name: 'All' }).click()
    await page.getByTestId('show-shells').check()
    await page.waitForTimeout(500)
    await screenshot(page, 'run-6-latent-clicked-with-shells')

    // The other run's codes beside these, the clicked sample marked in both.
    await page.locator('select[name=compare-run]').selectOption(String(otherId))
    const compared = page.getByTestId('compared-plot').getByTestId('latent-scatter')
    await compared.waitFor()
    await expect.poll(async () => (await pixelStats(page, compared, CLASS_4_RGB)).distinctColours, { timeout: 15_000 }).toBeGreaterThan(50)
    // Aligned to this run (the default): rotated into its axes, the residual said.
    const residual = page.getByTestId('alignment-residual')
    await expect.poll(() => residual.textContent()).toMatch(/^Rotated into #\d+’s axes on 300 shared test samples: RMS distance [\d.]+ → [\d.]+ \(residual [\d.]+ %/)
    const fit = (await workbench.api.getLatentProjection(otherId, { alignTo: runId })).alignment!
    expect(fit.rmsAfter).toBeLessThan(fit.rmsBefore)
    await screenshot(page, 'run-6b-latent-side-by-side')
    await page.locator('input[name=align-runs]').uncheck()
    await residual.waitFor({ state: 'detached' })
    await page.waitForTimeout(800)
    await screenshot(page, 'run-6b2-latent-side-by-side-unaligned')
    await page.locator('input[name=align-runs]').check()
    await page.locator('select[name=compare-run]').selectOption({ label: 'no other run' })

    // Typed coordinates decode that point.
    const form = page.getByTestId('coordinate-form')
    await form.locator('input[name=z1]').fill('3')
    await form.locator('input[name=z2]').fill('0')
    await form.locator('input[name=z3]').fill('0')
    await form.getByRole('button', { name: 'Decode' }).click()
    await inspector.getByRole('heading', { name: 'Chosen point' }).waitFor()
    await expect.poll(() => inspector.getByTestId('inspected-z').textContent()).toBe('(+3, 0, 0)')
  })

  it('plays the latent space epoch by epoch: the slider moves, the frames differ, and the epoch’s health figures follow', async () => {
    await openTab('Latent space')
    const plot = page.getByTestId('timeline-plot')
    const scatter = plot.getByTestId('latent-scatter')
    await scatter.scrollIntoViewIfNeeded()
    await scatter.locator('canvas').first().waitFor()
    expect(await scatter.getAttribute('data-points')).toBe('100') // the whole validation subset of this small run
    const epoch = page.getByTestId('timeline-epoch')
    expect(await epoch.getAttribute('data-epoch')).toBe('2')
    await expect.poll(async () => (await pixelStats(page, scatter, CLASS_4_RGB)).distinctColours, { timeout: 15_000 }).toBeGreaterThan(50)

    // Back to the first epoch with the keyboard, then play to the last.
    await page.locator('input[name=timeline-epoch]').focus()
    await page.keyboard.press('Home')
    await expect.poll(() => epoch.getAttribute('data-epoch')).toBe('1')
    const health = page.getByTestId('epoch-health')
    await health.getByText('After epoch 1').waitFor()
    const firstFigures = await health.locator('dd').allTextContents()
    await page.waitForTimeout(500)
    const first = await scatter.screenshot()
    await screenshot(page, 'run-6c-latent-timeline-epoch-1')
    const play = page.getByTestId('timeline-play')
    await play.click()
    await expect.poll(() => epoch.getAttribute('data-epoch')).toBe('2')
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('false')
    await expect.poll(async () => (await scatter.screenshot()).equals(first), { timeout: 10_000 }).toBe(false)
    await health.getByText('After epoch 2').waitFor()
    expect(await health.locator('dd').allTextContents()).not.toEqual(firstFigures)
    await screenshot(page, 'run-6d-latent-timeline-played')

    // Turned by hand, the view keeps its angle from frame to frame: back at epoch 2 after epoch 1,
    // it is drawn exactly as before (a reset camera would draw it from the default angle).
    const played = await scatter.screenshot()
    const box = (await scatter.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 160, box.y + box.height / 2 + 40, { steps: 8 })
    await page.mouse.up()
    await page.waitForTimeout(1500)
    const turned = await scatter.screenshot()
    expect(turned.equals(await scatter.screenshot())).toBe(true) // the drawing has settled
    expect(turned.equals(played)).toBe(false) // the drag did turn it
    await page.locator('input[name=timeline-epoch]').focus()
    await page.keyboard.press('Home')
    await expect.poll(() => epoch.getAttribute('data-epoch')).toBe('1')
    await page.keyboard.press('End')
    await expect.poll(() => epoch.getAttribute('data-epoch')).toBe('2')
    await expect.poll(async () => (await scatter.screenshot()).equals(turned), { timeout: 10_000 }).toBe(true)
  })

  it('answers "is z N(0, I)?" with a table of tests, verdicts, per-dimension plots and per-epoch statistics', async () => {
    await openTab('Normality')
    const table = page.getByTestId('normality-tests')
    await table.waitFor()
    const subjects = await table.locator('tbody th').allTextContents()
    expect(subjects).toEqual(['z1', 'z2', 'z3', 'all dimensions'])
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3 * 3 + 4)
    await expect.poll(() => table.locator('[data-verdict]').count()).toBe(4)
    await page.getByRole('note').getByText('every test rejects').waitFor()
    // Histogram and Q-Q plot for each of the three dimensions.
    await expect.poll(() => page.locator('article.dimension canvas').count()).toBe(6)
    await expect.poll(() => page.getByTestId('prior-match').locator('tbody tr').count()).toBe(3)
    await page.getByTestId('holes').waitFor()
    await expect.poll(() => page.getByTestId('epoch-latent-stats').locator('canvas').count()).toBe(5)
    await screenshot(page, 'run-7-normality')

    await page.getByRole('radio', { name: 'Dark' }).click()
    await page.waitForTimeout(300)
    await screenshot(page, 'run-8-normality-dark')
    await openTab('Latent space')
    await page.waitForTimeout(800)
    await screenshot(page, 'run-9-latent-dark')
    await openTab('Reconstructions')
    await screenshot(page, 'run-10-reconstructions-dark')
    expect(errors).toEqual([])
  })
})

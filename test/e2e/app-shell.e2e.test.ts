import { unzipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/main/lab/lab'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

/** A small UCR file, as a person would drag it from their file manager. */
const UCR = Array.from({ length: 30 }, (_, i) => [i % 5 === 0 ? 'odd' : 'even', ...Array.from({ length: 12 }, (_, t) => (Math.sin(t / 2 + i) * 3).toFixed(3))].join(',')).join('\n')

describe('the app around the pages, in Chromium against seqvae serve', () => {
  let runId: number
  const workbench = serveWorkbenchForSuite('seqvae-e2e-shell-', async (dataDir) => {
    const lab = Lab.open({ dataDir })
    try {
      const run = await lab.createRun({ epochs: 1, trainLimit: 128, valLimit: 32, evalLimit: 64 }, 'shell run')
      if ((await lab.waitForRun(run.id)).status !== 'finished') throw new Error('the seed run did not finish')
      runId = run.id
    } finally {
      await lab.close()
    }
  })

  it('opens a file dropped anywhere on the window in the Datasets page’s import form', async () => {
    const { page, errors } = await workbench.openPage({ width: 1280, height: 800 })
    await page.goto(`${workbench.server.url}#/runs`)
    await page.getByRole('heading', { name: 'Runs' }).waitFor()
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer()
      data.items.add(new File([text], 'dropped-sensors.csv', { type: 'text/csv' }))
      return data
    }, UCR)
    // Dropped on the runs table's heading, far from any drop zone.
    await page.getByRole('heading', { name: 'Runs' }).dispatchEvent('dragover', { dataTransfer: transfer })
    await page.getByRole('heading', { name: 'Runs' }).dispatchEvent('drop', { dataTransfer: transfer })
    await page.getByTestId('chosen-file').getByText('dropped-sensors.csv').waitFor()
    expect(page.url()).toContain('#/datasets')
    await expect.poll(() => page.locator('input[name=dataset-name]').inputValue()).toBe('dropped-sensors')
    await screenshot(page, 'shell-dropped-file')
    await page.getByTestId('import-submit').click()
    await expect.poll(async () => (await workbench.api.listDatasets()).some((d) => d.name === 'dropped-sensors')).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it('titles the page with the run on screen, and exports its model as a zip a browser saves', async () => {
    const { page, errors } = await workbench.openPage({ width: 1280, height: 800 })
    await page.goto(`${workbench.server.url}#/runs/${runId}`)
    await page.getByRole('heading', { name: 'shell run' }).waitFor()
    await expect.poll(() => page.title()).toBe('shell run · SeqVAE Workbench')
    await page.getByRole('link', { name: 'Datasets' }).click()
    await expect.poll(() => page.title()).toBe('Datasets · SeqVAE Workbench')
    await page.goBack()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model…' }).click()])
    expect(download.suggestedFilename()).toBe(`seqvae-run-${runId}-model.zip`)
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())))
    expect(Object.keys(files).sort()).toEqual(
      ['decoder/model.json', 'decoder/weights.bin', 'encoder/model.json', 'encoder/weights.bin'].map((f) => `seqvae-run-${runId}-model/${f}`),
    )
    const encoder = JSON.parse(new TextDecoder().decode(files[`seqvae-run-${runId}-model/encoder/model.json`])) as { format: string }
    expect(encoder.format).toBe('layers-model')
    await screenshot(page, 'shell-run-export')
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows the evaluation of the test set as a progress bar on the run page', async () => {
    const { page, errors } = await workbench.openPage({ width: 1280, height: 800 })
    // Every text the phase line shows, recorded in the page as it changes (evaluation is brief).
    await page.addInitScript({
      content: `(() => {
        const seen = (window.__phases = [])
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('[data-testid="phase-progress"]')) {
            const text = el.textContent.trim()
            if (seen.at(-1) !== text) seen.push(text)
          }
        }).observe(document, { childList: true, subtree: true, characterData: true })
      })()`,
    })
    // The run waits behind a long one until its page is open and listening: evaluating 10,000
    // sequences can take less time than a page takes to load on an idle machine.
    const blocker = await workbench.api.createRun({ epochs: 100, trainLimit: 2000, valLimit: 32, evalLimit: 32 }, 'keeps the worker busy')
    const run = await workbench.api.createRun({ epochs: 1, trainLimit: 64, valLimit: 32, evalLimit: 10_000 }, 'evaluated in view')
    await page.goto(`${workbench.server.url}#/runs/${run.id}`)
    await page.getByRole('heading', { name: 'evaluated in view' }).waitFor()
    await page.locator('header.title', { hasText: 'Queued' }).waitFor()
    await workbench.api.cancelRun(blocker.id)
    const finished = page.locator('header.title', { hasText: 'Finished' })
    const evaluating = page.locator('[data-phase="evaluating"]')
    await Promise.race([evaluating.waitFor(), finished.waitFor()])
    if (await evaluating.isVisible()) await screenshot(page, 'shell-run-evaluating')
    await finished.waitFor()
    const seen = (await page.evaluate('window.__phases')) as string[]
    const evaluatingTexts = seen.filter((text) => text.startsWith('Evaluating the test set:'))
    expect(evaluatingTexts.length, seen.join(' | ')).toBeGreaterThan(1)
    const done = evaluatingTexts.map((text) => Number(/: ([\d,]+) \//.exec(text)![1].replace(/,/g, '')))
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(evaluatingTexts.every((text) => text.includes('/ 10,000 sequences'))).toBe(true)
    // Once finished, the phase line is gone.
    await expect.poll(() => page.getByTestId('phase-progress').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })
})

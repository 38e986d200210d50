import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/main/lab/lab'
import type { RunEvent } from '../../src/shared/api'
import { collectPageErrors, launchChromium, requireBuiltRenderer, screenshot } from './helpers/chromium'
import { startServeProcess } from './helpers/serve-process'

describe('resuming from the run page', () => {
  it('shows a cancelled run with a Resume button that continues it to the end', async () => {
    requireBuiltRenderer()
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seqvae-e2e-resume-'))
    // A run cancelled after its first epoch, prepared with a Lab before the server opens the folder.
    const lab = Lab.open({ dataDir })
    const run = await lab.createRun({ epochs: 30, trainLimit: 256, valLimit: 64, evalLimit: 64 }, 'interrupted')
    await new Promise<void>((resolve) => {
      const off = lab.subscribe((e: RunEvent) => {
        if (e.type === 'epoch' && e.runId === run.id) {
          off()
          resolve()
        }
      })
    })
    await lab.cancelRun(run.id)
    const epochsDone = (await lab.getRun(run.id)).epochsDone
    await lab.close()

    const server = await startServeProcess(dataDir)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      const errors = collectPageErrors(page)
      await page.goto(`${server.url}#/runs/${run.id}/overview`)
      const resume = page.getByRole('button', { name: `Resume from epoch ${epochsDone}` })
      await resume.waitFor()
      await screenshot(page, 'run-11-cancelled-resume')
      await resume.click()
      // The subtitle counts epochs as they land; the button goes once the run is no longer resumable.
      await page.getByText('epoch 30 / 30', { exact: false }).waitFor({ timeout: 60_000 })
      await page.locator('header.title', { hasText: 'Finished' }).waitFor({ timeout: 30_000 })
      expect(await resume.count()).toBe(0)
      await screenshot(page, 'run-12-resumed-finished')
      expect(errors).toEqual([])
    } finally {
      await browser.close()
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/main/lab/lab'
import type { RunEvent } from '../../src/shared/api'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

describe('resuming from the run page', () => {
  let runId: number
  let epochsDone: number
  // A run cancelled after its first epoch, prepared with a Lab before the server opens the folder.
  const workbench = serveWorkbenchForSuite('seqvae-e2e-resume-', async (dataDir) => {
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
    runId = run.id
    epochsDone = (await lab.getRun(run.id)).epochsDone
    await lab.close()
  })

  it('shows a cancelled run with a Resume button that continues it to the end', async () => {
    const { page, errors } = await workbench.openPage({ width: 1280, height: 800 })
    await page.goto(`${workbench.server.url}#/runs/${runId}/overview`)
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
  }, 120_000)
})

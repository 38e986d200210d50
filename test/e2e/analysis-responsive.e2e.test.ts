import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunId } from '../../src/shared/api'
import { EvaluationSetCache } from '../../src/main/lab/analysis/evaluation-set-cache'
import { findDataset } from '../../src/main/lab/data/dataset-registry'
import { WorkbenchStore } from '../../src/main/lab/store/workbench-store'
import { storeFinishedRun } from '../main/lab/analysis/inspected-runs'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

/** The finished run the report scores: every MNIST test sample evaluated, so scoring takes a while. */
let scored: RunId

async function storeScoredRun(dataDir: string): Promise<void> {
  const store = WorkbenchStore.open(path.join(dataDir, 'workbench.sqlite'))
  try {
    scored = await storeFinishedRun(store, new EvaluationSetCache((name) => findDataset(name)), { latentDim: 2, evalLimit: 10_000 })
  } finally {
    store.close()
  }
}

const percentOf = async (page: Page, selector: string) => Number(await page.locator(selector).getAttribute('aria-valuenow'))

describe('the workbench stays interactive while an anomaly report computes (Chromium against seqvae serve)', () => {
  const workbench = serveWorkbenchForSuite('seqvae-e2e-analysis-', storeScoredRun)
  let page: Page
  let errors: string[]
  let training: RunId

  beforeAll(async () => {
    ;({ page, errors } = await workbench.openPage({ width: 1360, height: 900 }))
    training = (await workbench.api.createRun({ epochs: 5 }, 'e2e training while scoring')).id
  }, 120_000)

  it('shows the report’s progress as a bar with a percentage, and the runs page still navigates and shows training advance', async () => {
    await page.goto(`${workbench.server.url}#/runs/${scored}/anomalies`)
    const scoring = page.getByTestId('anomaly-progress')
    await scoring.waitFor({ timeout: 120_000 })
    expect(await scoring.getByRole('progressbar').getAttribute('aria-valuenow')).toMatch(/^\d+$/)
    await screenshot(page, 'analysis-responsive-scoring')

    // While the analysis worker scores, the serving thread answers: the runs page opens and the
    // training run's bar moves on.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Runs' }).click()
    const bar = `[data-testid="live-run"][data-run-id="${training}"] [role="progressbar"]`
    await page.locator(bar).waitFor({ timeout: 120_000 })
    const before = await percentOf(page, bar)
    await waitUntil('the training run’s progress bar to advance', async () => ((await percentOf(page, bar)) > before ? true : undefined), { timeoutMs: 120_000 })
    await screenshot(page, 'analysis-responsive-runs-page')
    expect(errors).toEqual([])
  }, 300_000)
})

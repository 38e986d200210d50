import { hostname } from 'node:os'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type TestRedis } from '../helpers/redis-server'
import { startWorker, type WorkerProcess } from '../helpers/worker-process'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'
import { waitUntil } from './helpers/wait-until'

/** Long enough (several seconds each) that both runs are seen training side by side. */
const SWEEP = { epochs: '6', trainLimit: '12000', valLimit: '200', evalLimit: '100', name: 'queued sweep' }

describe('a sweep trained by two queue workers, watched in the browser', () => {
  let redis: TestRedis
  const workers: WorkerProcess[] = []
  const workbench = serveWorkbenchForSuite(
    'seqvae-queue-e2e-',
    async () => {
      redis = await startRedis()
    },
    () => ['--queue', redis.url],
  )
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    for (const name of ['gpu-box', 'laptop']) workers.push(startWorker(redis.url, workbench.dataDir, ['--name', name]))
    await Promise.all(workers.map((w) => w.waitFor(/Waiting for jobs/)))
    ;({ page, errors } = await workbench.openPage({ width: 1360, height: 900 }))
  })
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()))
    await redis?.dispose()
  })

  it('launches a sweep from the form onto the queue; both workers train a run at once, live on the runs page and the Workers view', async () => {
    await page.goto(`${workbench.server.url}#/new`)
    for (const [field, value] of Object.entries(SWEEP)) await page.locator(`input[name="${field}"]`).fill(value)
    await page.getByRole('button', { name: '+ Sweep a field' }).click()
    await page.locator('input[name="sweep-0"]').fill('2, 3')
    await expect.poll(() => page.getByTestId('start-runs').textContent()).toContain('Queue 2 runs')
    await page.getByTestId('start-runs').click()
    await page.waitForURL(/#\/runs/)
    const runs = (await workbench.api.listRuns()).sort((a, b) => a.id - b.id)
    expect(runs.map((r) => r.name)).toEqual(['queued sweep · latentDim=2', 'queued sweep · latentDim=3'])

    // Both cards move at once: one run on each worker.
    const bars = runs.map((run) => page.locator(`[data-testid="live-run"][data-run-id="${run.id}"]`).getByRole('progressbar'))
    await waitUntil('both runs to train at once', async () => {
      const values = await Promise.all(bars.map((bar) => bar.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => null)))
      return values.every((v) => v !== null && Number(v) > 0 && Number(v) < 100) ? values : undefined
    }, { intervalMs: 50 })
    await screenshot(page, 'queue-runs-live')

    await page.getByRole('link', { name: 'Workers' }).click()
    const table = page.getByTestId('workers')
    await expect.poll(async () => (await table.locator('tbody tr').allTextContents()).join(' | ')).toMatch(/gpu-box.*training.*\|.*laptop.*training/)
    expect(await page.getByTestId('queue-mode').textContent()).toContain(`Runs go to the queue at ${redis.url}`)
    for (const name of ['gpu-box', 'laptop']) {
      const row = table.locator(`tr[data-worker="${name}"]`)
      expect(await row.locator('td').nth(1).textContent()).toBe(hostname())
      expect(await row.textContent()).toMatch(/queued sweep · latentDim=[23]/)
    }
    await screenshot(page, 'queue-workers')

    for (const run of runs) await expect.poll(async () => (await workbench.api.getRun(run.id)).status, { timeout: 120_000 }).toBe('finished')
    const trainedOn = await Promise.all(runs.map(async (r) => (await workbench.api.getRun(r.id)).env?.trainedOn?.map((p) => p.worker)))
    expect(trainedOn.flat().sort()).toEqual(['gpu-box', 'laptop'])
    await page.goto(`${workbench.server.url}#/runs/${runs[0].id}`)
    await expect.poll(() => page.locator('table.facts').textContent()).toContain(`${trainedOn[0]![0]} (${hostname()}) from epoch 1`)
    await screenshot(page, 'queue-run-trained-on')
  })

  it('offers the desktop app\'s Compute setting where the desktop bridge is present', async () => {
    // Electron cannot start here: an in-page stand-in for the preload's bridge, holding the setting
    // in memory, shows the form as the app draws it (the main process's side is tested in
    // test/main/desktop: the file, its checks and the IPC handlers).
    const { page: desk, errors: deskErrors } = await workbench.openPage({ width: 1360, height: 900 })
    await desk.addInitScript({
      content: `window.workbenchDesktop = {
        setting: { queue: null, localJobs: 1 },
        getComputeSetting() { return Promise.resolve(this.setting) },
        setComputeSetting(s) { this.setting = s; return Promise.resolve() },
        setTheme() {},
        onCommand() { return () => {} },
        chooseImportFile() { return Promise.resolve(null) },
        exportModel() { return Promise.resolve(null) },
      }`,
    })
    await desk.goto(`${workbench.server.url}#/workers`)
    const panel = desk.getByTestId('compute-setting')
    await panel.getByRole('radio', { name: 'A queue of workers' }).click()
    await panel.getByRole('textbox').fill(redis.url)
    await panel.locator('input[type="number"]').fill('0')
    await panel.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('It takes effect when SeqVAE Workbench next starts')
    expect(await desk.evaluate('window.workbenchDesktop.setting')).toEqual({ queue: redis.url, localJobs: 0 })
    await screenshot(desk, 'queue-compute-setting')
    expect(deskErrors).toEqual([])
    await desk.close()
  })

  it('shows a worker that vanished as such', async () => {
    await workers[1].kill('SIGKILL')
    await page.goto(`${workbench.server.url}#/workers`)
    const row = page.getByTestId('workers').locator('tr[data-worker="laptop"]')
    await expect.poll(() => row.locator('.chip').textContent()).toBe('vanished')
    expect(await page.getByTestId('workers').locator('tr[data-worker="gpu-box"] .chip').textContent()).toBe('idle')
    await screenshot(page, 'queue-worker-vanished')
    expect(errors).toEqual([])
  })

  it('says in one sentence, on the Workers page and beside the queued runs, that the queue is unreachable', async () => {
    await redis.stop()
    const problem = page.getByTestId('queue-problem')
    await expect.poll(() => problem.textContent().catch(() => null)).toMatch(/^The queue at redis:\/\/127\.0\.0\.1:\d+\/0 is unreachable \(.+\); runs wait here and go to it when it answers\.$/)
    // Every page's navigation marks it.
    await expect.poll(() => page.locator('.nav .alert-dot').count()).toBe(1)
    await screenshot(page, 'queue-unreachable')
    const waiting = await workbench.api.createRun({ epochs: 1, trainLimit: 256, valLimit: 32, evalLimit: 32 }, 'waits for Redis')
    await page.getByRole('link', { name: 'Runs', exact: true }).click()
    await expect.poll(() => page.getByTestId('run-queue').locator('.queue-problem').textContent().catch(() => null)).toMatch(/is unreachable/)
    await screenshot(page, 'queue-unreachable-runs')
    await redis.start()
    await expect.poll(async () => (await workbench.api.getRun(waiting.id)).status, { timeout: 120_000 }).toBe('finished')
    expect(errors).toEqual([])
  })
})

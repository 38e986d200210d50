import { describe, expect, it } from 'vitest'
import { screenshot } from './helpers/chromium'
import { serveWorkbenchForSuite } from './helpers/served-workbench'

describe('the runs page in Chromium against seqvae serve', () => {
  const workbench = serveWorkbenchForSuite('seqvae-e2e-')

  it('starts a tiny run, shows its progress live up to 100 %, lists it as finished, and listRuns keeps answering meanwhile', async () => {
    const { page, errors } = await workbench.openPage({ width: 1280, height: 760 })
    await page.goto(workbench.server.url)
    await page.getByRole('heading', { name: 'Runs' }).waitFor()
    await page.getByText('No runs yet').waitFor()
    await screenshot(page, 'runs-page-1-empty')

    const form = page.getByTestId('quick-run')
    // Large enough that even the fused engine (~15–27k samples/s here) trains for a couple of
    // seconds, so the bar has intermediate values to show; still seconds, not minutes.
    await form.locator('input[name=epochs]').fill('3')
    await form.locator('input[name=trainLimit]').fill('12000')
    await form.locator('input[name=valLimit]').fill('200')
    await form.locator('input[name=evalLimit]').fill('100')
    await form.locator('input[name=name]').fill('e2e tiny run')
    await form.getByRole('button', { name: 'Start run' }).click()

    const row = page.locator('tr[data-run-id]').first()
    await row.getByText('e2e tiny run').waitFor()
    const bar = row.getByRole('progressbar')

    // While it trains: sample the bar as the user sees it, and call listRuns as another client would
    // (how fast it answers meanwhile is measured by `npm run bench:responsive`).
    const seen: number[] = []
    const listed: number[] = []
    let midShot = false
    const deadline = Date.now() + 120_000
    while ((await row.getAttribute('data-status')) !== 'finished') {
      if (Date.now() > deadline) throw new Error(`the run did not finish; server output:\n${workbench.server.output()}`)
      seen.push(Number(await bar.getAttribute('aria-valuenow')))
      if (!midShot && seen.at(-1)! > 20 && seen.at(-1)! < 90) {
        await screenshot(page, 'runs-page-2-training')
        midShot = true
      }
      const answer = await fetch(`${workbench.server.origin}/api/listRuns`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${workbench.server.token}`, 'Content-Type': 'application/json' },
        body: '[]',
      })
      expect(answer.status).toBe(200)
      listed.push(((await answer.json()) as { result: unknown[] }).result.length)
      await new Promise((r) => setTimeout(r, 50))
    }
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('100')
    await expect.poll(() => row.locator('.badge').textContent()).toBe('finished')
    await expect.poll(() => row.locator('td.num').nth(1).textContent()).toBe('3 / 3')
    await screenshot(page, 'runs-page-3-finished')

    // Live progress: the bar moved through intermediate values, never backwards.
    expect(seen.some((v) => v > 0 && v < 100), `bar values seen: ${seen.join(',')}`).toBe(true)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))

    // Every listRuns made while it trained answered with the one run.
    expect(listed.length).toBeGreaterThan(0)
    expect(new Set(listed)).toEqual(new Set([1]))

    await page.getByRole('radio', { name: 'Dark' }).click()
    await screenshot(page, 'runs-page-4-finished-dark')
    expect(errors).toEqual([])
  })
})

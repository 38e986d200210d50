import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/shared/api'
import { Lab } from '../../../src/main/lab/lab'
import { openStore } from '../../helpers/open-store'
import { useTempDirs } from '../../helpers/temp-dir'
import { TINY_RUN } from '../../helpers/tiny-run'

describe('resuming a run from its checkpoint', () => {
  const tempDir = useTempDirs()

  it('reaches the same final weights as an uninterrupted run with the same seed', async () => {
    const dataDir = tempDir()
    const lab = Lab.open({ dataDir })
    // Enough epochs that the cancel always lands mid-run, however fast the engine.
    const config = { ...TINY_RUN, trainLimit: 256, epochs: 20 }
    const straight = await lab.createRun(config, 'straight')
    await lab.waitForRun(straight.id)

    const interrupted = await lab.createRun(config, 'interrupted')
    const firstEpoch = new Promise<void>((resolve) => {
      const off = lab.subscribe((e: RunEvent) => {
        if (e.runId === interrupted.id && e.type === 'epoch') {
          off()
          resolve()
        }
      })
    })
    await firstEpoch
    await lab.cancelRun(interrupted.id)
    const cancelled = await lab.getRun(interrupted.id)
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.epochsDone).toBeLessThan(20)

    await lab.resumeRun(interrupted.id)
    const resumed = await lab.waitForRun(interrupted.id)
    expect(resumed.status).toBe('finished')
    const [a, b] = await lab.getMetrics([straight.id, interrupted.id])
    expect(b.epochs.map((m) => m.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(b.epochs.map((m) => m.loss)).toEqual(a.epochs.map((m) => m.loss))
    const store = openStore(dataDir)
    const wa = store.artifacts.finalWeights(straight.id)!
    const wb = store.artifacts.finalWeights(interrupted.id)!
    store.close()
    expect(wb.map((w) => w.name)).toEqual(wa.map((w) => w.name))
    for (let i = 0; i < wa.length; i++) expect(Array.from(wb[i].values)).toEqual(Array.from(wa[i].values))

    await expect(lab.resumeRun(straight.id)).rejects.toThrow(`run ${straight.id} is finished; only crashed, failed or cancelled runs can be resumed`)
    await lab.close()
  })
})

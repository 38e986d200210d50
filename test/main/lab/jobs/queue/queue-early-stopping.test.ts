import { describe, expect, it } from 'vitest'
import { openQueueHub } from '../../../../helpers/queue-hub'
import { openStore } from '../../../../helpers/open-store'
import { useRedisForSuite } from '../../../../helpers/redis-suite'
import { useTempDirs } from '../../../../helpers/temp-dir'
import { startWorker } from '../../../../helpers/worker-process'

// The seeded plateau of test/main/lab/train/early-stopping.test.ts, trained by a queue worker.
const PLATEAU = { epochs: 30, trainLimit: 64, valLimit: 64, evalLimit: 10, batchSize: 16, learningRate: 0.05, hiddenUnits: 16, earlyStoppingPatience: 2, restoreBestWeights: true, engine: 'fused' } as const

describe('early stopping on a Redis queue', () => {
  const tempDir = useTempDirs()
  const suiteRedis = useRedisForSuite()

  it('records on the hub where a worker’s run stopped, and keeps the best epoch’s weights', async () => {
    const dataDir = tempDir()
    const hub = openQueueHub(dataDir, suiteRedis().url)
    const run = await hub.createRun(PLATEAU, 'plateau on a worker')
    const worker = startWorker(suiteRedis().url, tempDir())
    const detail = await hub.waitForRun(run.id)
    expect(detail.status).toBe('finished')
    const losses = (await hub.getMetrics([run.id]))[0].epochs.map((m) => m.valLoss)
    const best = losses.indexOf(Math.min(...losses)) + 1
    expect(detail.stop).toEqual({ epoch: best + 2, reason: 'early-stopping', bestEpoch: best, bestValLoss: losses[best - 1], weightsEpoch: best })
    await worker.stop()
    await hub.close()

    const store = openStore(dataDir)
    const checkpoint = store.artifacts.checkpoint(run.id)!
    expect(checkpoint.best!.epoch).toBe(best)
    expect(store.artifacts.finalWeights(run.id)).toEqual(checkpoint.best!.weights)
    store.close()
  })
})

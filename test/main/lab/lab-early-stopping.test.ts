import { describe, expect, it } from 'vitest'
import { Lab } from '../../../src/main/lab/lab'
import { describeStop } from '../../../src/shared/run-stop'
import { openStore } from '../../helpers/open-store'
import { runCli } from '../../helpers/run-cli'
import { useTempDirs } from '../../helpers/temp-dir'

// The seeded plateau of test/main/lab/train/early-stopping.test.ts, trained by a real worker process.
const PLATEAU = { epochs: 30, trainLimit: 64, valLimit: 64, evalLimit: 10, batchSize: 16, learningRate: 0.05, hiddenUnits: 16, earlyStoppingPatience: 2, engine: 'fused' } as const

describe('a run that stops early', () => {
  const tempDir = useTempDirs()

  it('records where and why it stopped, and keeps (and evaluates with) the best epoch’s weights', async () => {
    const dataDir = tempDir()
    const lab = Lab.open({ dataDir })
    const run = await lab.createRun({ ...PLATEAU, restoreBestWeights: true, valSplit: 'tail' }, 'plateau')
    const detail = await lab.waitForRun(run.id)
    expect(detail.status).toBe('finished')
    const [series] = await lab.getMetrics([run.id])
    const losses = series.epochs.map((m) => m.valLoss)
    const best = losses.indexOf(Math.min(...losses)) + 1
    expect(detail.stop).toEqual({ epoch: best + 2, reason: 'early-stopping', bestEpoch: best, bestValLoss: losses[best - 1], weightsEpoch: best })
    expect(detail.epochsDone).toBe(best + 2)
    expect(describeStop(detail.stop!, 2)).toBe(
      `Stopped early after epoch ${best + 2}: val_loss had not improved for 2 epochs; the best val_loss was ${losses[best - 1].toFixed(4)} at epoch ${best}; restored the weights of epoch ${best}, which the views use.`,
    )
    await lab.close()

    // The stored final weights (what every view decodes with) are the best epoch's, as its checkpoint kept them.
    const store = openStore(dataDir)
    const checkpoint = store.artifacts.checkpoint(run.id)!
    expect(checkpoint.epoch).toBe(best + 2)
    expect(checkpoint.best!.epoch).toBe(best)
    const finalWeights = store.artifacts.finalWeights(run.id)!
    expect(finalWeights).toEqual(checkpoint.best!.weights)
    expect(finalWeights).not.toEqual(checkpoint.weights)
    store.close()
  })

  it('`seqvae train --preset reference` sets the write-up’s protocol, under the flags given, and says how the run ended', async () => {
    const dataDir = tempDir()
    const { code, stdout, stderr } = await runCli([
      'train', '--preset', 'reference', '--epochs', '2', '--train-limit', '64', '--val-limit', '32', '--eval-limit', '10', '--hidden', '8', '--data-dir', dataDir,
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Trained all 2 epochs; the best val_loss was 0\.\d{4} at epoch [12]; kept the last epoch's weights\./)
    const store = openStore(dataDir)
    const [stored] = store.listing.list()
    expect(stored.config).toMatchObject({ epochs: 2, earlyStoppingPatience: 3, restoreBestWeights: false, valSplit: 'tail', valFraction: 0.1, batchSize: 32, hiddenUnits: 8 })
    store.close()

    const unknown = await runCli(['train', '--preset', 'keras', '--data-dir', dataDir])
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'seqvae train: unknown preset "keras"; the presets are: reference'])
  })
})

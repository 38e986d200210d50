import { describe, expect, it } from 'vitest'
import { describeStop } from '../../src/shared/run-stop'

describe('how a run ended, in one sentence', () => {
  it('counts its epochs in words that fit one or many, and says which weights were kept', () => {
    const stop = { epoch: 1, reason: 'epochs' as const, bestEpoch: 1, bestValLoss: 0.68967, weightsEpoch: 1 }
    expect(describeStop(stop, 0)).toBe("Trained its one epoch; the best val_loss was 0.6897 at epoch 1; kept the last epoch's weights.")
    expect(describeStop({ ...stop, epoch: 35, bestEpoch: 34, weightsEpoch: 35 }, 0)).toBe(
      "Trained all 35 epochs; the best val_loss was 0.6897 at epoch 34; kept the last epoch's weights.",
    )
    expect(describeStop({ ...stop, epoch: 33, reason: 'early-stopping', bestEpoch: 30, weightsEpoch: 30 }, 3)).toBe(
      'Stopped early after epoch 33: val_loss had not improved for 3 epochs; the best val_loss was 0.6897 at epoch 30; restored the weights of epoch 30, which the views use.',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { batchEpochPositions } from '../../../../../src/renderer/src/features/runs/live/batch-positions'

describe('batch positions on the epoch axis', () => {
  it("spread each epoch's samples over that epoch, ending at its end", () => {
    const batches = [1, 2, 3, 4].map((step) => ({ step, epoch: step <= 2 ? 1 : 2, loss: step }))
    expect(batchEpochPositions(batches)).toEqual([[0.5, 1], [1, 2], [1.5, 3], [2, 4]])
  })
})

import { serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { decodeCheckpoint, decodeRecord, encodeCheckpoint, encodeRecord, type RunRecord } from '../../../../../src/main/lab/jobs/queue/run-records'
import type { Checkpoint } from '../../../../../src/main/lab/model/checkpoint'

const tensor = (name: string, values: number[]) => ({ name, shape: [values.length], values: Float32Array.from(values) })
const CHECKPOINT: Checkpoint = {
  epoch: 2,
  weights: [tensor('w', [0.1, -0, Number.MIN_VALUE, 3.4028234663852886e38])],
  optimizer: { step: 30, m: [tensor('w', [1e-8, 2, 3, 4])], v: [tensor('w', [5, 6, 7, 8])] },
  state: { epoch: 2, step: 30, rng: [1, 2, 3, 4294967295] },
}

describe('run records between a worker and the hub', () => {
  it('carry typed arrays bit-exact', () => {
    const record: RunRecord = {
      generation: 3,
      seq: 9,
      sentAt: 1,
      message: {
        type: 'epoch',
        metrics: { epoch: 2, loss: 0.5, recon: 0.4, kl: 0.1, valLoss: 0.6, valRecon: 0.5, valKl: 0.1, seconds: 1.5, klWeight: 0.01 },
        checkpoint: CHECKPOINT,
        latentStats: null,
      },
    }
    const decoded = decodeRecord(encodeRecord(record))
    expect(decoded).toEqual({ record })
    const back = (decoded as { record: RunRecord }).record.message as { checkpoint: Checkpoint }
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    expect(bytes(back.checkpoint.weights[0].values)).toEqual(bytes(CHECKPOINT.weights[0].values))
    expect(Object.is(back.checkpoint.weights[0].values[1], -0)).toBe(true)
    expect(decodeCheckpoint(encodeCheckpoint(CHECKPOINT))).toEqual(CHECKPOINT)
  })

  it('carry how training ended, and the best weights a checkpoint keeps for restoring them', () => {
    const stopped: RunRecord = {
      generation: 1,
      seq: 4,
      sentAt: 0,
      message: { type: 'stopped', stop: { epoch: 9, reason: 'early-stopping', bestEpoch: 6, bestValLoss: 0.25, weightsEpoch: 6 } },
    }
    expect(decodeRecord(encodeRecord(stopped))).toEqual({ record: stopped })
    const withBest: Checkpoint = { ...CHECKPOINT, state: { ...CHECKPOINT.state, earlyStopping: { best: { epoch: 1, valLoss: 0.3 }, wait: 1 } }, best: { epoch: 1, weights: [tensor('w', [9, 8, 7, 6])] } }
    expect(decodeCheckpoint(encodeCheckpoint(withBest))).toEqual(withBest)
    const badStop = { ...stopped, message: { type: 'stopped', stop: { epoch: 9, reason: 'bored', bestEpoch: 6, bestValLoss: 0.25, weightsEpoch: 6 } } }
    expect(decodeRecord(serialize(badStop))).toMatchObject({ problem: expect.any(String) })
  })

  it('carry an epoch\'s latent snapshot, and refuse one whose arrays do not match its shape', () => {
    const latentSnapshot = { count: 2, dim: 2, positions: Int32Array.of(3, 8), labels: Int32Array.of(1, -1), zMean: Float32Array.of(0.5, -1, 2, 1e-7) }
    const metrics = { epoch: 2, loss: 0.5, recon: 0.4, kl: 0.1, valLoss: 0.6, valRecon: 0.5, valKl: 0.1, seconds: 1.5, klWeight: 0.01 }
    const record: RunRecord = { generation: 1, seq: 4, sentAt: 0, message: { type: 'epoch', metrics, checkpoint: CHECKPOINT, latentStats: null, latentSnapshot } }
    expect(decodeRecord(encodeRecord(record))).toEqual({ record })
    const short = { ...latentSnapshot, zMean: new Float32Array(3) }
    expect(decodeRecord(serialize({ ...record, message: { ...record.message, latentSnapshot: short } }))).toMatchObject({ problem: expect.stringContaining('a latent snapshot holds') })
    // A worker of a version before snapshots sends none: the epoch is still recorded.
    const { latentSnapshot: _, ...older } = record.message as { latentSnapshot: unknown }
    expect(decodeRecord(serialize({ ...record, message: older }))).toMatchObject({ record: { message: { type: 'epoch' } } })
  })

  it('keep the fields a later version adds to a message, so they reach the database', () => {
    const record = { generation: 1, seq: 0, sentAt: 0, message: { type: 'progress', progress: { epoch: 1, epochs: 2, samplesDone: 3, samplesTotal: 4, loss: 0.5, samplesPerSecond: 9, etaSeconds: 1, stage: 'warm-up' } } }
    expect(decodeRecord(serialize(record))).toEqual({ record })
  })

  it('refuse what is not a record, so a stray entry cannot write to a run', () => {
    expect(decodeRecord(Buffer.from('{"generation":1}'))).toMatchObject({ problem: expect.any(String) })
    expect(decodeRecord(serialize({ generation: 1, seq: 0, sentAt: 0, message: { type: 'sql', text: 'DROP TABLE runs' } }))).toMatchObject({ problem: expect.any(String) })
    const lying = { ...CHECKPOINT, weights: [{ name: 'w', shape: [100], values: new Float32Array(4) }] }
    expect(decodeRecord(serialize({ generation: 1, seq: 0, sentAt: 0, message: { type: 'epoch', metrics: {}, checkpoint: lying, latentStats: null } }))).toMatchObject({ problem: expect.any(String) })
    expect(() => decodeCheckpoint(serialize(lying))).toThrow('the run\'s checkpoint on the queue is malformed')
  })
})

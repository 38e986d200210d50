import { deserialize, serialize } from 'node:v8'
import { z } from 'zod'
import { describeValidationError } from '../../../../shared/errors'
import type { Checkpoint } from '../../model/checkpoint'
import type { WorkerToParent } from '../../train/worker-protocol'

/** Who took a job, as the run's environment and the Workers view name it. */
export interface WorkerIdentity {
  id: string
  name: string
  host: string
}

/**
 * What a worker sends the hub about one run, in order, through the run's Redis stream: that it
 * took the job (and from which checkpoint it resumes), that it refused it, or a message of its
 * training process passed on unchanged.
 */
export type RemoteMessage =
  | { type: 'claimed'; worker: WorkerIdentity; resumedFrom: number }
  | { type: 'refused'; error: string }
  | WorkerToParent

/**
 * A message with its place: the attempt that sent it (`generation`, from the run's counter in
 * Redis) and its number within that attempt. The hub applies a record once: the next number of
 * the current attempt, or the `claimed`/`refused` that opens a newer attempt.
 */
export interface RunRecord {
  generation: number
  seq: number
  /** The sender's clock when it sent the record (for the record-lag figure; never for ordering). */
  sentAt: number
  message: RemoteMessage
}

/** Structured clone: typed arrays travel bit-exact and compact (a checkpoint is megabytes of Float32). */
export const encodeRecord = (record: RunRecord): Buffer => serialize(record)
export const encodeCheckpoint = (checkpoint: Checkpoint): Buffer => serialize(checkpoint)

const int = z.number().int()
const real = z.custom<number>((v) => typeof v === 'number', { error: 'must be a number' })
const f32 = z.instanceof(Float32Array)
const i32 = z.instanceof(Int32Array)
const tensor = z.object({ name: z.string(), shape: z.array(int.min(0)), values: f32 }).refine((t) => t.values.length === t.shape.reduce((a, b) => a * b, 1), {
  error: 'a weight tensor holds as many values as its shape says',
})
const tensors = z.array(tensor)

export const CheckpointSchema = z.looseObject({
  epoch: int.min(0),
  weights: tensors,
  best: z.object({ epoch: int.min(1), weights: tensors }).optional(),
  optimizer: z.object({ step: int.min(0), m: tensors, v: tensors }),
  state: z.looseObject({ epoch: int.min(0), step: int.min(0), rng: z.tuple([int, int, int, int]) }),
})

// Loose objects: a field a later version adds to a message still reaches the database; the
// schema checks what the hub itself relies on.
const metrics = z.looseObject({
  epoch: int.min(1),
  loss: real,
  recon: real,
  kl: real,
  valLoss: real,
  valRecon: real,
  valKl: real,
  seconds: real,
  klWeight: real,
})

// Each epoch's codes of the run's validation subset travel with the epoch, so a queue-trained run
// has the same latent timeline as a local one.
const snapshot = z
  .looseObject({ count: int.min(1), dim: int.min(1), positions: i32, labels: i32, zMean: f32 })
  .refine((s) => s.positions.length === s.count && s.labels.length === s.count && s.zMean.length === s.count * s.dim, {
    error: 'a latent snapshot holds a position, a label and dim codes per sample',
  })

const workerMessage = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('claimed'), worker: z.object({ id: z.string(), name: z.string(), host: z.string() }), resumedFrom: int.min(0) }),
  z.looseObject({ type: z.literal('refused'), error: z.string() }),
  z.looseObject({ type: z.literal('started'), engine: z.string(), backend: z.string(), params: int.min(0), env: z.looseObject({ engine: z.string(), backend: z.string() }) }),
  z.looseObject({
    type: z.literal('progress'),
    progress: z.looseObject({ epoch: int, epochs: int, samplesDone: int, samplesTotal: int, loss: real, samplesPerSecond: real, etaSeconds: real }),
  }),
  z.looseObject({ type: z.literal('batches'), batches: z.array(z.looseObject({ step: int, epoch: int, loss: real })) }),
  z.looseObject({ type: z.literal('epoch'), metrics, checkpoint: CheckpointSchema, latentStats: z.looseObject({ count: int, dim: int }).nullable(), latentSnapshot: snapshot.nullish() }),
  z.looseObject({ type: z.literal('phase'), phase: z.enum(['loading-data', 'evaluating']), done: int.optional(), total: int.optional() }),
  z.looseObject({
    type: z.literal('stopped'),
    stop: z.looseObject({ epoch: int.min(0), reason: z.enum(['epochs', 'early-stopping']), bestEpoch: int.min(1).nullable(), bestValLoss: real.nullable(), weightsEpoch: int.min(0) }),
  }),
  z.looseObject({
    type: z.literal('evaluated'),
    latents: z.looseObject({ count: int, dim: int, indices: i32, labels: i32, zMean: f32, zLogVar: f32, reconBce: f32, reconMse: f32 }),
    weights: tensors,
  }),
  z.looseObject({ type: z.literal('done'), status: z.enum(['finished', 'cancelled', 'failed']), error: z.string().nullable() }),
])

const RecordSchema = z.object({ generation: int.min(1), seq: int.min(0), sentAt: real, message: workerMessage })

/** Reads a record from the stream; null (with the reason) for bytes that are not one, which the hub skips. */
export function decodeRecord(bytes: Buffer): { record: RunRecord } | { problem: string } {
  let value: unknown
  try {
    value = deserialize(bytes)
  } catch (e) {
    return { problem: `not a structured-clone record (${(e as Error).message})` }
  }
  const parsed = RecordSchema.safeParse(value)
  return parsed.success ? { record: parsed.data as RunRecord } : { problem: describeValidationError(parsed.error) }
}

/** Reads the checkpoint the hub published; a worker refuses a job whose checkpoint this rejects. */
export function decodeCheckpoint(bytes: Buffer): Checkpoint {
  const parsed = CheckpointSchema.safeParse(deserialize(bytes))
  if (!parsed.success) throw new Error(`the run's checkpoint on the queue is malformed: ${describeValidationError(parsed.error)}`)
  return parsed.data as Checkpoint
}

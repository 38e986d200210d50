import { z } from 'zod'
import { describeValidationError } from '../../../../shared/errors'
import { RunConfigSchema, type RunConfig } from '../../../../shared/run-config'
import type { RunId } from '../../../../shared/api'

/**
 * What a job on the queue carries: data, never code. A worker trains only what passes this
 * schema — the same strict run-config schema the hub accepted the run with — and refuses the rest
 * with a sentence recorded on the run.
 */
export interface TrainingJob {
  protocol: typeof QUEUE_PROTOCOL
  runId: RunId
  config: RunConfig
  /** An imported dataset, published under its SHA-256 (see dataset-publisher.ts); null for a built-in. */
  dataset: { sha256: string; bytes: number } | null
}

/** Bumped when hub and worker would no longer understand each other; a worker refuses other versions. */
export const QUEUE_PROTOCOL = 1

/** A job is a run id, a config and a dataset reference: a few hundred bytes. Anything near this is not ours. */
export const MAX_JOB_BYTES = 16 * 1024

/** Attempts a job gets when its training process dies (a worker that vanishes counts separately, as a stall). */
export const MAX_ATTEMPTS = 3

/** How often a job may stall (its worker vanished) before the queue gives it up as failed. */
export const MAX_STALLS = 2

/** Largest imported dataset the hub publishes through the queue (Redis holds at most 512 MB in one value). */
export const MAX_DATASET_BYTES = 256 * 1024 * 1024

const runIdSchema = z.number({ error: 'runId must be a positive integer' }).int({ error: 'runId must be a positive integer' }).positive({ error: 'runId must be a positive integer' })

const TrainingJobSchema = z
  .object({
    protocol: z.literal(QUEUE_PROTOCOL, { error: `protocol must be ${QUEUE_PROTOCOL} (this worker's version; update the hub or the worker so they match)` }),
    runId: runIdSchema,
    config: RunConfigSchema,
    dataset: z
      .object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 hexadecimal digits' }),
        bytes: z.number().int().min(1).max(MAX_DATASET_BYTES, { error: `bytes must be at most ${MAX_DATASET_BYTES} (the queue's dataset limit)` }),
      })
      .strict()
      .nullable(),
  })
  .strict()

export type JobVerdict = { ok: true; job: TrainingJob } | { ok: false; reason: string; /** the run to record the refusal on, when the job names one */ runId: RunId | null }

/** Checks a job's data as it came off the queue, with its encoded size. */
export function checkTrainingJob(data: unknown, encodedBytes: number): JobVerdict {
  const runId = runIdSchema.safeParse((data as { runId?: unknown } | null)?.runId)
  const named = runId.success ? runId.data : null
  if (encodedBytes > MAX_JOB_BYTES) return { ok: false, runId: named, reason: `the job holds ${encodedBytes} bytes, more than the ${MAX_JOB_BYTES} a job may hold` }
  const parsed = TrainingJobSchema.safeParse(data)
  if (!parsed.success) return { ok: false, runId: named, reason: describeValidationError(parsed.error) }
  return { ok: true, job: parsed.data as TrainingJob }
}

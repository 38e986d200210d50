import { createRequire } from 'node:module'
import type * as Bullmq from 'bullmq'
import type * as Ioredis from 'ioredis'

/**
 * BullMQ and ioredis take about a quarter of a second to load: a process that trains locally (the
 * app, `seqvae runs`, `seqvae serve` without --queue) should not pay for them. So the queue's
 * modules import only their types, and load the packages here when a queue is first used.
 */
const requireHere = createRequire(__filename)

export const bullmq = (): typeof Bullmq => requireHere('bullmq') as typeof Bullmq
export const ioredis = (): typeof Ioredis => requireHere('ioredis') as typeof Ioredis

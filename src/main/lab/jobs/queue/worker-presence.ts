import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { RunId } from '../../../../shared/api'
import type { WorkerSummary } from '../../../../shared/queue-status'
import { WORKERS_SET, workerAliveKey, workerKey } from './queue-keys'

/** What a worker says about itself with every heartbeat. */
export interface WorkerPresence {
  id: string
  name: string
  host: string
  pid: number
  engine: string
  concurrency: number
  jobsDone: number
  runs: RunId[]
  startedAt: string
}

/** A worker's description outlives its heartbeat by a day, so the Workers view can say it vanished. */
const INFO_TTL_MS = 24 * 60 * 60 * 1000

/**
 * One heartbeat: the description (kept a day) and the liveness key, which lapses `aliveMs` after
 * the last beat. Both expire on the queue's clock, so no two machines' clocks are compared.
 */
export async function publishPresence(redis: Redis, presence: WorkerPresence, aliveMs: number): Promise<void> {
  await redis
    .multi()
    .set(workerKey(presence.id), JSON.stringify(presence), 'PX', INFO_TTL_MS)
    .set(workerAliveKey(presence.id), '1', 'PX', aliveMs)
    .sadd(WORKERS_SET, presence.id)
    .exec()
}

/** A worker that stops cleanly leaves the list instead of showing as vanished. */
export async function withdrawPresence(redis: Redis, id: string): Promise<void> {
  await redis.multi().del(workerKey(id), workerAliveKey(id)).srem(WORKERS_SET, id).exec()
}

const PresenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  pid: z.number(),
  engine: z.string(),
  concurrency: z.number(),
  jobsDone: z.number(),
  runs: z.array(z.number()),
  startedAt: z.string(),
})

/** Every worker heard from in the last day, the live ones first, then by name. */
export async function readWorkers(redis: Redis, now = Date.now()): Promise<WorkerSummary[]> {
  const ids = await redis.smembers(WORKERS_SET)
  if (ids.length === 0) return []
  const pipeline = redis.pipeline()
  for (const id of ids) pipeline.get(workerKey(id)).pttl(workerKey(id)).exists(workerAliveKey(id))
  const replies = (await pipeline.exec()) ?? []
  const workers: WorkerSummary[] = []
  const gone: string[] = []
  ids.forEach((id, i) => {
    const [[, json], [, ttl], [, alive]] = replies.slice(3 * i, 3 * i + 3) as [unknown, unknown][]
    const parsed = typeof json === 'string' ? PresenceSchema.safeParse(parseJson(json)) : null
    if (!parsed?.success) {
      gone.push(id)
      return
    }
    const { pid: _pid, ...presence } = parsed.data
    workers.push({ ...presence, lastHeartbeatAt: new Date(now - (INFO_TTL_MS - Number(ttl))).toISOString(), alive: alive === 1 })
  })
  if (gone.length > 0) await redis.srem(WORKERS_SET, ...gone)
  return workers.sort((a, b) => Number(b.alive) - Number(a.alive) || a.name.localeCompare(b.name))
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

import type { RedisOptions } from 'ioredis'
import { UserError } from '../../../../shared/errors'

/** A queue's Redis, from `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). */
export interface RedisAddress {
  host: string
  port: number
  db: number
  username?: string
  password?: string
  tls: boolean
  /** The address with the password hidden, for messages and the Workers view. */
  display: string
}

const EXAMPLE = 'redis://HOST:PORT/DB, e.g. redis://127.0.0.1:6379/0 (rediss:// for TLS)'

/** Parses a queue address given on the command line or in the app's settings; refuses with one sentence. */
export function parseRedisAddress(text: string): RedisAddress {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new UserError(`"${text}" is not a queue address; write ${EXAMPLE}`)
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UserError(`the queue address "${text}" must start with redis:// or rediss://; write ${EXAMPLE}`)
  }
  if (!url.hostname) throw new UserError(`the queue address "${text}" names no host; write ${EXAMPLE}`)
  if (url.search || url.hash) throw new UserError(`the queue address takes no query or fragment ("${url.search}${url.hash}"); write ${EXAMPLE}`)
  const port = url.port ? Number(url.port) : 6379
  const dbText = url.pathname.replace(/^\//, '')
  const db = dbText === '' ? 0 : Number(dbText)
  if (!Number.isInteger(db) || db < 0 || !/^\d*$/.test(dbText)) throw new UserError(`the queue address's database must be a number such as /0, not "/${dbText}"`)
  const username = url.username ? decodeURIComponent(url.username) : undefined
  const password = url.password ? decodeURIComponent(url.password) : undefined
  const credentials = url.username || url.password ? `${url.username}${url.password ? ':***' : ''}@` : ''
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    username,
    password,
    tls: url.protocol === 'rediss:',
    display: `${url.protocol}//${credentials}${url.host}/${db}`,
  }
}

/**
 * ioredis options for an address. `patient` connections (a worker's) keep commands while Redis is
 * away and send them when it is back, so no record is dropped; the hub's connections fail at once
 * instead, so a page never waits on an unreachable queue.
 */
export function redisOptions(address: RedisAddress, { patient }: { patient: boolean }): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    username: address.username,
    password: address.password,
    tls: address.tls ? { servername: address.host } : undefined,
    connectTimeout: 5000,
    // Reconnect forever, at most every 2 s: a queue that is away comes back on its own.
    retryStrategy: (times) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: patient ? null : 1,
    enableOfflineQueue: patient,
  }
}

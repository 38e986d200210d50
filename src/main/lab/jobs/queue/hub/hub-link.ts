import { hostname } from 'node:os'
import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { BULL_PREFIX, HUB_LOCK, QUEUE_NAME } from '../queue-keys'
import { bullmq, ioredis } from '../queue-packages'
import { redisOptions, type RedisAddress } from '../redis-address'

const LOCK_MS = 15_000
const RENEW_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`

interface LockHolder {
  host: string
  pid: number
  database: string
}

/**
 * The hub's connections to the queue: one for commands (BullMQ's queue shares it), one for the
 * blocking reads of run records. Neither keeps commands while Redis is away, so nothing that
 * serves a page ever waits on it; instead the link says in one sentence what is wrong, and tells
 * its listeners each time it is usable again. It also holds the hub lock: one hub per Redis
 * database, since run ids are the hub's.
 */
export class HubLink {
  readonly commands: Redis
  readonly reader: Redis
  readonly queue: Queue
  private lastError = 'connecting'
  private lockProblem: string | null = null
  private usable = false
  private readonly readyListeners: (() => void)[] = []
  private readonly lockTimer: NodeJS.Timeout
  private readonly holder: string

  constructor(
    readonly address: RedisAddress,
    databaseFile: string,
  ) {
    const options = redisOptions(address, { patient: false })
    const { Redis } = ioredis()
    this.commands = new Redis(options)
    this.reader = new Redis({ ...options, connectionName: 'seqvae-hub-reader' })
    this.queue = new (bullmq().Queue)(QUEUE_NAME, { connection: this.commands, prefix: BULL_PREFIX })
    this.holder = JSON.stringify({ host: hostname(), pid: process.pid, database: databaseFile } satisfies LockHolder)
    for (const client of [this.commands, this.reader]) {
      client.on('error', (e: Error) => {
        this.lastError = e.message || (e as NodeJS.ErrnoException).code || 'connection failed'
      })
      client.on('ready', () => void this.check())
      client.on('close', () => this.check())
    }
    this.queue.on('error', () => {}) // the clients above say what is wrong
    this.lockTimer = setInterval(() => void this.check(), LOCK_MS / 3)
    this.lockTimer.unref()
  }

  /** True while both connections answer and this hub holds the queue. */
  ready(): boolean {
    return this.usable
  }

  /** Null when ready; otherwise why runs cannot reach the queue, as a sentence. */
  problem(): string | null {
    if (this.usable) return null
    if (this.lockProblem) return this.lockProblem
    return `The queue at ${this.address.display} is unreachable (${this.lastError}); runs wait here and go to it when it answers.`
  }

  /** Called whenever the link becomes usable: at the start and after every outage. */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener)
    if (this.usable) listener()
  }

  async close(): Promise<void> {
    clearInterval(this.lockTimer)
    if (this.usable) await this.commands.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`, 1, HUB_LOCK, this.holder).catch(() => {})
    this.usable = false
    await this.queue.close().catch(() => {})
    this.reader.disconnect()
    this.commands.disconnect()
  }

  private async check(): Promise<void> {
    const connected = this.commands.status === 'ready' && this.reader.status === 'ready'
    const wasUsable = this.usable
    this.usable = connected && (await this.holdLock().catch(() => false))
    if (this.usable && !wasUsable) for (const listener of this.readyListeners) listener()
  }

  /** Takes or renews the hub lock; a lock left by this same hub (restarted on this machine) is taken over. */
  private async holdLock(): Promise<boolean> {
    if ((await this.commands.eval(RENEW_LOCK, 1, HUB_LOCK, this.holder, LOCK_MS)) === 1) return true
    if ((await this.commands.set(HUB_LOCK, this.holder, 'PX', LOCK_MS, 'NX')) === 'OK') return this.locked()
    const other = parseHolder(await this.commands.get(HUB_LOCK))
    const me = JSON.parse(this.holder) as LockHolder
    if (other && other.host === me.host && other.database === me.database) {
      await this.commands.set(HUB_LOCK, this.holder, 'PX', LOCK_MS)
      return this.locked()
    }
    const who = other ? `the workbench on ${other.host} (pid ${other.pid}, ${other.database})` : 'another workbench'
    this.lockProblem = `The queue at ${this.address.display} is in use by ${who}; give this one its own Redis database (a different /DB at the end of the address).`
    return false
  }

  private locked(): boolean {
    this.lockProblem = null
    return true
  }
}

function parseHolder(text: string | null): LockHolder | null {
  try {
    return text ? (JSON.parse(text) as LockHolder) : null
  } catch {
    return null
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RunEvent, Unsubscribe, WorkbenchApi } from '../../shared/api'
import { encodeWire } from '../../shared/wire-codec'

/** Events kept for clients that reconnect with `Last-Event-ID` (a few minutes of progress). */
const REPLAY_CAPACITY = 2000
/** Comment lines keep idle connections open through proxies and reveal dead clients. */
const KEEP_ALIVE_MS = 15_000
/** A client this far behind is dropped; it reconnects and catches up from the replay buffer. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

/**
 * Carries the Lab's RunEvents to browsers as server-sent events. One subscription to the API feeds
 * every connection, and a ring of recent events lets a reconnecting client resume where it left
 * off without gaps (event ids are the events' `seq`).
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>()
  private readonly recent: RunEvent[] = []
  private readonly unsubscribe: Unsubscribe
  private readonly keepAlive: NodeJS.Timeout

  constructor(api: WorkbenchApi) {
    this.unsubscribe = api.subscribe((event) => this.publish(event))
    this.keepAlive = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n')
    }, KEEP_ALIVE_MS)
    this.keepAlive.unref()
  }

  /** Opens a stream; the first bytes (`retry`) tell the client it is subscribed, so calls it makes next are not missed. */
  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 1000\n\n')
    const lastSeen = Number(req.headers['last-event-id'])
    if (Number.isInteger(lastSeen)) for (const event of this.recent) if (event.seq > lastSeen) this.send(res, event)
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
  }

  close(): void {
    this.unsubscribe()
    clearInterval(this.keepAlive)
    for (const res of this.clients) res.end()
    this.clients.clear()
  }

  private publish(event: RunEvent): void {
    this.recent.push(event)
    if (this.recent.length > REPLAY_CAPACITY) this.recent.splice(0, this.recent.length - REPLAY_CAPACITY)
    for (const res of this.clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy()
      else this.send(res, event)
    }
  }

  private send(res: ServerResponse, event: RunEvent): void {
    res.write(`id: ${event.seq}\ndata: ${encodeWire(event)}\n\n`)
  }
}

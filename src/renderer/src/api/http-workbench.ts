import type { RunEvent, WorkbenchApi } from '../../../shared/api'
import type { ErrorKind } from '../../../shared/api-failure'
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../../../shared/api-methods'
import { UserError } from '../../../shared/errors'
import { API_PREFIX, type ErrorBody, EVENTS_PATH } from '../../../shared/http-protocol'
import { decodeWire, encodeWire } from '../../../shared/wire-codec'
import { readServerSentEvents } from './server-sent-events'

export interface HttpWorkbenchOptions {
  /** The server's origin, e.g. `http://127.0.0.1:5180`. */
  baseUrl: string
  token: string
}

const USER_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set(['invalid', 'not-found', 'conflict', 'unavailable'])

/**
 * The WorkbenchApi over HTTP (`seqvae serve`): one POST per call, one event stream shared by all
 * subscribers. Failures the server explains arrive as UserErrors with its sentence, exactly as a
 * Lab in the same process would throw them.
 */
export function createHttpWorkbench(options: HttpWorkbenchOptions): WorkbenchApi {
  const headers = { Authorization: `Bearer ${options.token}` }
  const events = new EventConnection(new URL(EVENTS_PATH, options.baseUrl).href, headers)

  async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
    // JSON has no `undefined`; trailing optional arguments are simply left out.
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop()
    // A call made right after subscribe() must not overtake the subscription, or its events are lost.
    await events.ready
    const response = await fetch(new URL(API_PREFIX + method, options.baseUrl), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: encodeWire(args),
    })
    const text = await response.text()
    let body: unknown
    try {
      body = decodeWire(text)
    } catch {
      throw new Error(`the server answered ${response.status} ${response.statusText} without a readable body`)
    }
    if (response.ok) return (body as { result?: unknown }).result
    const failure = (body as Partial<ErrorBody>).error
    if (!failure) throw new Error(`the server answered ${response.status} ${response.statusText}`)
    throw USER_ERROR_KINDS.has(failure.kind) ? new UserError(failure.message, failure.kind as UserError['kind']) : new Error(failure.message)
  }

  const methods = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as ApiHandlers
  return { ...methods, subscribe: (listener) => events.add(listener) }
}

/**
 * The event stream: opened for the first subscriber, closed after the last. When it drops it
 * reconnects with `Last-Event-ID`, and the server replays what was missed.
 */
class EventConnection {
  private readonly listeners = new Set<(e: RunEvent) => void>()
  private abort: AbortController | null = null
  private lastSeq: number | undefined
  /** Resolved while no connection is being opened; pending from subscribe() until the server has us. */
  ready: Promise<void> = Promise.resolve()

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  add(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener)
    if (this.listeners.size === 1) this.open()
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) {
        this.abort?.abort()
        this.abort = null
      }
    }
  }

  private open(): void {
    const abort = new AbortController()
    this.abort = abort
    // A new subscription starts from now; replay is only for a connection that dropped.
    this.lastSeq = undefined
    let connected = () => {}
    this.ready = new Promise((resolve) => (connected = resolve))
    void this.run(abort.signal, connected)
  }

  private async run(signal: AbortSignal, connected: () => void): Promise<void> {
    let retryMs = 500
    while (!signal.aborted) {
      try {
        const resume: Record<string, string> = this.lastSeq === undefined ? {} : { 'Last-Event-ID': String(this.lastSeq) }
        const response = await fetch(this.url, { headers: { ...this.headers, ...resume, Accept: 'text/event-stream' }, signal })
        if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status} ${response.statusText}`)
        // The server registers us before it answers, so from here on no event is missed.
        connected()
        retryMs = 500
        for await (const message of readServerSentEvents(response.body)) this.dispatch(decodeWire(message.data) as RunEvent)
      } catch (e) {
        if (signal.aborted) return
        console.warn('workbench: the event stream dropped; reconnecting.', e)
      }
      // Calls must not wait for a server that is down; replay on reconnection fills the gap.
      connected()
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs)
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
      })
      retryMs = Math.min(retryMs * 2, 10_000)
    }
    connected()
  }

  private dispatch(event: RunEvent): void {
    this.lastSeq = event.seq
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (e) {
        console.error('workbench: a run event listener failed:', e)
      }
    }
  }
}

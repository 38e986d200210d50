import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Lab } from '../../../src/main/lab/lab'
import { startServer, type RunningServer } from '../../../src/main/server/workbench-server'
import type { RunEvent } from '../../../src/shared/api'
import { decodeWire } from '../../../src/shared/wire-codec'
import { createHttpWorkbench } from '../../../src/renderer/src/api/http-workbench'
import { readServerSentEvents } from '../../../src/renderer/src/api/server-sent-events'
import { useTempDirs } from '../../helpers/temp-dir'

describe('run events over server-sent events', () => {
  const tempDir = useTempDirs()
  let lab: Lab
  let server: RunningServer
  let origin: string

  beforeEach(async () => {
    // No job slots: runs stay queued, so events come from the Lab without training anything.
    lab = Lab.open({ dataDir: tempDir(), parallelJobs: 0 })
    server = await startServer({ api: lab, port: 0, rendererDir: tempDir() })
    origin = new URL(server.url).origin
  })
  afterEach(async () => {
    await server.close()
    await lab.close()
  })

  /** queued (seq 1), cancelled (seq 2), deleted (seq 3) */
  async function threeEvents(): Promise<void> {
    const run = await lab.createRun({ epochs: 1 })
    await lab.cancelRun(run.id)
    await lab.deleteRun(run.id)
  }

  it('delivers the events of a call made right after subscribing, in order, to every subscriber', async () => {
    const api = createHttpWorkbench({ baseUrl: origin, token: server.token })
    const first: RunEvent[] = []
    const second: RunEvent[] = []
    const offFirst = api.subscribe((e) => first.push(e))
    const offSecond = api.subscribe((e) => second.push(e))
    const run = await api.createRun({ epochs: 1 })
    await api.cancelRun(run.id)
    await api.deleteRun(run.id)
    for (let i = 0; i < 200 && first.length < 3; i++) await new Promise((r) => setTimeout(r, 10))
    expect(first.map((e) => [e.seq, e.type, e.runId])).toEqual([
      [1, 'queued', run.id],
      [2, 'status', run.id],
      [3, 'deleted', run.id],
    ])
    expect(second).toEqual(first)
    offFirst()
    offSecond()
  })

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    await threeEvents()
    const response = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${server.token}`, 'Last-Event-ID': '1' } })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const received: { id: string | undefined; event: RunEvent }[] = []
    for await (const message of readServerSentEvents(response.body!)) {
      received.push({ id: message.id, event: decodeWire(message.data) as RunEvent })
      if (received.length === 2) break
    }
    expect(received.map(({ id, event }) => [id, event.seq, event.type])).toEqual([
      ['2', 2, 'status'],
      ['3', 3, 'deleted'],
    ])
  })
})

describe('the event stream reader', () => {
  it('handles events split across chunks, CRLF line ends, comments and multi-line data', async () => {
    const text = ': hello\r\nretry: 1000\r\n\r\nid: 7\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: plain\n\n'
    const bytes = new TextEncoder().encode(text)
    // One byte per chunk: every boundary, including inside a CRLF and a multi-byte sequence, is crossed.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]))
        controller.close()
      },
    })
    const events = []
    for await (const e of readServerSentEvents(body)) events.push(e)
    expect(events).toEqual([
      { id: '7', data: '{"a":\n1}' },
      { id: '7', data: 'plain' },
    ])
  })
})

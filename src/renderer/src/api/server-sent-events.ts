/** One server-sent event: its `id:` and its `data:` lines joined. */
export interface ServerSentEvent {
  id: string | undefined
  data: string
}

/**
 * Reads a `text/event-stream` body (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * events end at a blank line, `:` lines are comments, `data:` lines accumulate. Used instead of
 * EventSource because fetch can send the Authorization header and runs under Node for the tests.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  let data: string[] = []
  let id: string | undefined
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      buffered += decoder.decode(value, { stream: true })
      // A CR at the very end may be the first half of a CRLF: hold it until the next chunk tells.
      const heldCr = buffered.endsWith('\r')
      const lines = (heldCr ? buffered.slice(0, -1) : buffered).split(/\r\n|\r|\n/)
      // The last piece may be half a line; keep it for the next chunk.
      buffered = (lines.pop() ?? '') + (heldCr ? '\r' : '')
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { id, data: data.join('\n') }
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'data') data.push(value)
        else if (field === 'id') id = value
      }
    }
  } finally {
    reader.releaseLock()
  }
}

/**
 * The worker's side of its link to the Lab, the same under child_process.fork (process.send) and
 * Electron's utilityProcess (process.parentPort). Losing the parent ends the worker: a training
 * run nobody records is wasted work.
 */
export interface ParentChannel<In, Out> {
  onMessage(listener: (message: In) => void): void
  send(message: Out): void
  close(): void
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export function connectToParent<In, Out>(): ParentChannel<In, Out> {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (port) {
    return {
      onMessage: (listener) => port.on('message', (e) => listener(e.data as In)),
      send: (message) => port.postMessage(message),
      close: () => process.exit(0),
    }
  }
  if (!process.send) throw new Error('the training worker must be started by the Lab (no IPC channel)')
  let closing = false
  let pending = 0
  let onDrained: (() => void) | null = null
  process.on('disconnect', () => process.exit(closing ? 0 : 1))
  return {
    onMessage: (listener) => process.on('message', (m) => listener(m as In)),
    send: (message) => {
      pending++
      process.send?.(message, undefined, undefined, () => {
        if (--pending === 0) onDrained?.()
      })
    },
    // Leave only once every queued message has been handed to the parent.
    close: () => {
      closing = true
      if (pending === 0) process.exit(0)
      onDrained = () => process.exit(0)
    },
  }
}

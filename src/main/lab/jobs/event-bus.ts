import type { RunEvent } from '../../../shared/api'

/** A RunEvent before the bus numbers it. */
export type UnnumberedEvent = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'seq'> : never) : never

/** Numbers events in publication order (clients detect loss by gaps) and fans them out. */
export class EventBus {
  private seq = 0
  private readonly listeners = new Set<(e: RunEvent) => void>()

  publish(event: UnnumberedEvent): RunEvent {
    const numbered = { ...event, seq: ++this.seq } as RunEvent
    for (const listener of this.listeners) {
      try {
        listener(numbered)
      } catch (e) {
        // One broken subscriber (a closed socket, a buggy view) must not stop the others or training.
        console.error('a run event listener failed:', e)
      }
    }
    return numbered
  }

  subscribe(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

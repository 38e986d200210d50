import type { Redis } from 'ioredis'
import type { RunId } from '../../../../../shared/api'
import { runKeys } from '../queue-keys'
import { encodeRecord, type RemoteMessage } from '../run-records'

/**
 * One attempt's records for one run, sent in order to the run's stream. Sends are not awaited one
 * by one — the connection keeps their order, and a patient connection keeps them through a Redis
 * outage — but `flush` waits for all, so a job ends only once the hub can read everything.
 */
export class RecordSender {
  private seq = 0
  private pending: Promise<unknown> = Promise.resolve()
  private streamGone = false

  constructor(
    private readonly redis: Redis,
    private readonly runId: RunId,
    readonly generation: number,
    /** Called once if the hub has closed the run's stream: the run ended (cancelled, deleted) without this attempt. */
    private readonly onStreamGone: () => void,
  ) {}

  send(message: RemoteMessage): void {
    const bytes = encodeRecord({ generation: this.generation, seq: this.seq++, sentAt: Date.now(), message })
    // NOMKSTREAM: a stream the hub deleted stays deleted, so a late sender learns the run is over.
    const added = this.redis.xadd(runKeys(this.runId).records, 'NOMKSTREAM', '*', 'r', bytes).then((id) => {
      if (id === null && !this.streamGone) {
        this.streamGone = true
        this.onStreamGone()
      }
    })
    this.pending = Promise.all([this.pending, added])
  }

  /** Resolves once every record sent so far is in Redis. */
  flush(): Promise<unknown> {
    return this.pending
  }
}

import type { RunId } from '../../../../../shared/api'
import { HUB_GROUP, runKeys } from '../queue-keys'
import type { HubLink } from './hub-link'

/** One stream entry: its id and the record's bytes (null when the entry was deleted meanwhile). */
export interface InboxEntry {
  id: string
  bytes: Buffer | null
}

type StreamReply = [key: Buffer, entries: [id: Buffer, fields: Buffer[] | null][]][] | null

const RECORDS_KEY = /^seqvae:run:(\d+):records$/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The hub's reading loop over the records streams of the runs it follows, as the single consumer
 * of each stream's consumer group. After a start or an outage it first reads the entries it had
 * been given but not acknowledged (the hub may have died before committing them), then new ones.
 * An entry is acknowledged — and deleted, checkpoints being large — only after `handle` resolves,
 * that is after the hub's transaction for it committed.
 */
export class RecordInbox {
  private stopped = false
  private unackedFirst = true
  private readonly loop: Promise<void>

  constructor(
    private readonly link: HubLink,
    /** The runs whose streams to read now. */
    private readonly followed: () => RunId[],
    private readonly handle: (runId: RunId, entries: InboxEntry[]) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {
    link.onReady(() => {
      this.unackedFirst = true
    })
    this.loop = this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.loop
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const runs = this.followed()
      if (!this.link.ready() || runs.length === 0) {
        await sleep(100)
        continue
      }
      try {
        await this.readOnce(runs)
      } catch (e) {
        await this.recover(runs, e as Error)
      }
    }
  }

  private async readOnce(runs: RunId[]): Promise<void> {
    const keys = runs.map((id) => runKeys(id).records)
    const pendingPass = this.unackedFirst
    const args = ['GROUP', HUB_GROUP, HUB_GROUP, 'COUNT', '64']
    // A short block, so a run that starts being followed is read within a fraction of a second.
    if (!pendingPass) args.push('BLOCK', '100')
    const reply = (await this.link.reader.callBuffer('XREADGROUP', ...args, 'STREAMS', ...keys, ...keys.map(() => (pendingPass ? '0' : '>')))) as StreamReply
    let delivered = 0
    for (const [key, entries] of reply ?? []) {
      const match = RECORDS_KEY.exec(key.toString())
      if (!match || entries.length === 0) continue
      delivered += entries.length
      const runId = Number(match[1])
      await this.handle(
        runId,
        entries.map(([id, fields]) => ({ id: id.toString(), bytes: fields?.[1] ?? null })),
      )
      const ids = entries.map(([id]) => id.toString())
      await this.link.commands.multi().xack(key, HUB_GROUP, ...ids).xdel(key, ...ids).exec()
    }
    if (pendingPass && delivered === 0) this.unackedFirst = false
  }

  /** A stream or its group that vanished (Redis restarted without its data) is made again; other failures wait for the link. */
  private async recover(runs: RunId[], e: Error): Promise<void> {
    // What was read and not acknowledged is read again first.
    this.unackedFirst = true
    // A run that ended while its stream was being waited on: nothing is wrong.
    if (/^UNBLOCKED/.test(e.message)) return
    if (/NOGROUP/.test(e.message)) {
      for (const id of runs) {
        await this.link.commands.xgroup('CREATE', runKeys(id).records, HUB_GROUP, '0', 'MKSTREAM').catch(() => {})
      }
      return
    }
    if (this.link.ready()) this.log(`queue: reading run records failed (${e.message}); retrying`)
    await sleep(200)
  }
}

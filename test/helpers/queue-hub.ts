import path from 'node:path'
import { Lab } from '../../src/main/lab/lab'
import type { RunEvent, RunId } from '../../src/shared/api'

/** A Lab that sends its runs to the queue at `redisUrl` and trains none itself (`seqvae serve --queue` in-process). */
export function openQueueHub(dataDir: string, redisUrl: string): Lab {
  return Lab.open({ dataDir, adoptQueued: true, queue: { address: redisUrl, cacheDir: path.join(dataDir, 'worker-cache'), reconcileMs: 250 } })
}

/** The first event from now on that `matches`. */
export function nextEvent(lab: Lab, matches: (e: RunEvent) => boolean): Promise<RunEvent> {
  return new Promise((resolve) => {
    const off = lab.subscribe((e) => {
      if (!matches(e)) return
      off()
      resolve(e)
    })
  })
}

/** Resolves once `runId` has recorded `epoch` and then reported progress of the next epoch part-way: mid-epoch, past `epoch`. */
export function midEpochAfter(lab: Lab, runId: RunId, epoch: number): Promise<RunEvent> {
  return nextEvent(lab, (e) => e.runId === runId && e.type === 'progress' && e.progress.epoch === epoch + 1 && e.progress.samplesDone < e.progress.samplesTotal)
}

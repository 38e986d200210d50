import type { RunDetail, RunEvent, RunSummary } from '../../shared/api'
import { describeStop } from '../../shared/run-stop'
import type { Lab } from '../lab/lab'
import { progressLine, TerminalProgress } from './progress-bar'
import { epochTable } from './run-format'

/**
 * Watches a queued run to its end in the foreground: a progress bar on a terminal, one line per
 * epoch otherwise, or (with `json`) one object at the end. Ctrl-C cancels the run cleanly (its
 * finished epochs stay); a second Ctrl-C leaves at once. Exit code 0 only if the run finished.
 */
export async function followRun(lab: Lab, run: RunSummary, json: boolean, verb: 'queued' | 'resumed'): Promise<number> {
  const bar = !json && process.stderr.isTTY ? new TerminalProgress(process.stderr) : null
  const log = (line: string) => {
    if (json) return
    bar?.done()
    console.log(line)
  }
  log(`run ${run.id} "${run.name}" ${verb}`)
  const unsubscribe = lab.subscribe((e: RunEvent) => {
    if (e.runId !== run.id) return
    if (e.type === 'started') log(`training with the ${e.engine} engine (${e.backend}), ${e.params.toLocaleString('en-US')} parameters`)
    if (e.type === 'progress') bar?.update(progressLine(e.progress))
    if (e.type === 'epoch') {
      const m = e.metrics
      log(`epoch ${m.epoch}: loss ${m.loss.toFixed(4)}  val_loss ${m.valLoss.toFixed(4)}  (${m.seconds.toFixed(1)} s)`)
    }
  })
  const onInterrupt = () => {
    process.off('SIGINT', onInterrupt)
    log('cancelling… (Ctrl-C again to quit now)')
    void lab.cancelRun(run.id).catch(() => {})
  }
  process.on('SIGINT', onInterrupt)
  let detail: RunDetail
  try {
    detail = await lab.waitForRun(run.id)
  } finally {
    process.off('SIGINT', onInterrupt)
    unsubscribe()
    bar?.done()
  }
  const metrics = (await lab.getMetrics([run.id]))[0].epochs
  if (json) {
    const { id, status, engine, backend, params, error, stop } = detail
    console.log(JSON.stringify({ id, status, engine, backend, params, error, stop, metrics: metrics.map((m) => ({ ...m, val_loss: m.valLoss })) }))
  } else {
    console.log(epochTable(metrics))
    if (detail.stop) console.log(describeStop(detail.stop, detail.config.earlyStoppingPatience))
    console.log(`run ${detail.id} ${detail.status}${detail.error ? `: ${detail.error}` : ''}`)
  }
  return detail.status === 'finished' ? 0 : 1
}

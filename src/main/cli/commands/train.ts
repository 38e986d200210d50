import type { RunDetail, RunEvent } from '../../../shared/api'
import { dataDirOption, jsonOption, parseCommandArgs } from '../cli-args'
import { withLab } from '../open-lab'
import { progressLine, TerminalProgress } from '../progress-bar'
import { RUN_CONFIG_OPTIONS, runConfigFromFlags } from '../run-config-flags'
import { epochTable } from '../run-format'

export const trainUsage = `seqvae train [--epochs N] [--batch-size N] [--latent-dim N] [--hidden N] [--cell gru|lstm]
             [--kl-weight X] [--kl-warmup N] [--lr X] [--seed N] [--train-limit N] [--val-limit N]
             [--eval-limit N] [--dataset NAME] [--backend NAME] [--engine auto|fused|tfjs]
             [--name TEXT] [--data-dir DIR] [--json]`

/** Trains one run in the foreground: a progress bar on a terminal, one line per epoch otherwise. */
export async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('train', args, { ...RUN_CONFIG_OPTIONS, ...dataDirOption, ...jsonOption, name: { type: 'string' } })
  const json = values.json === true
  const config = runConfigFromFlags(values)
  return withLab(values['data-dir'], async (lab) => {
    const run = await lab.createRun(config, values.name)
    const bar = !json && process.stderr.isTTY ? new TerminalProgress(process.stderr) : null
    const log = (line: string) => {
      if (json) return
      bar?.done()
      console.log(line)
    }
    log(`run ${run.id} "${run.name}" queued`)
    const unsubscribe = lab.subscribe((e: RunEvent) => {
      if (e.runId !== run.id) return
      if (e.type === 'started') log(`training with the ${e.engine} engine (${e.backend}), ${e.params.toLocaleString('en-US')} parameters`)
      if (e.type === 'progress') bar?.update(progressLine(e.progress))
      if (e.type === 'epoch') {
        const m = e.metrics
        log(`epoch ${m.epoch}: loss ${m.loss.toFixed(4)}  val_loss ${m.valLoss.toFixed(4)}  (${m.seconds.toFixed(1)} s)`)
      }
    })
    // Ctrl-C cancels the run cleanly (its finished epochs stay); a second Ctrl-C leaves at once.
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
      console.log(
        JSON.stringify({
          id: detail.id,
          status: detail.status,
          engine: detail.engine,
          backend: detail.backend,
          params: detail.params,
          error: detail.error,
          metrics: metrics.map((m) => ({ ...m, val_loss: m.valLoss })),
        }),
      )
    } else {
      console.log(epochTable(metrics))
      console.log(`run ${detail.id} ${detail.status}${detail.error ? `: ${detail.error}` : ''}`)
    }
    return detail.status === 'finished' ? 0 : 1
  })
}

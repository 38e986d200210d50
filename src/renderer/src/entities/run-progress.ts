import type { ProgressInfo, RunSummary } from '../../../shared/api'

/**
 * How far a run is, 0…1: a finished run is done; a training run counts whole epochs plus the share
 * of the current one from its latest progress event; otherwise the epochs it recorded.
 */
export function runFraction(run: RunSummary, progress: ProgressInfo | undefined): number {
  if (run.status === 'finished') return 1
  if (run.status === 'running' && progress && progress.samplesTotal > 0) {
    return (progress.epoch - 1 + progress.samplesDone / progress.samplesTotal) / progress.epochs
  }
  return run.epochs > 0 ? run.epochsDone / run.epochs : 0
}

/**
 * Event-level detection on synthetic recordings (test/helpers/synthetic-recording.ts): 100,000
 * timestamps × 3 features with spikes, level shifts or frequency changes injected every 250
 * timestamps, window 64, stride 8, a Gaussian GRU VAE trained on the pool (split by time), the
 * evaluation span scored per timestamp. For each kind and each combination (mean, max): the best
 * recall at precision ≥ 0.5 (a flagged span counts when it overlaps an event; thresholds flagging
 * over 10 % of the timestamps are not considered), and recall / precision at the default threshold.
 *
 *   npm run bench:recording [-- --timestamps 100000 --epochs 10]
 */
import { parseArgs } from 'node:util'
import { defaultScoreThreshold } from '../src/main/lab/analysis/score-threshold'
import { eventDetection } from '../test/helpers/event-detection'
import { recordingDetection } from '../test/helpers/recording-detection'
import { RECORDING_ANOMALY_KINDS } from '../test/helpers/synthetic-recording'
import { loadLine } from './lib/timing'

const { values: opts } = parseArgs({ options: { timestamps: { type: 'string', default: '100000' }, epochs: { type: 'string', default: '10' } } })

async function main(): Promise<void> {
  console.log(`# ${Number(opts.timestamps).toLocaleString('en-US')} timestamps × 3 features, window 64, stride 8, ${opts.epochs} epochs, GRU(16), latent 3; ${loadLine('before')}`)
  console.log('| anomaly | events scored | combine | best recall @ precision ≥ 0.5 | its precision | flagged | default threshold: recall / precision | s |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const kind of RECORDING_ANOMALY_KINDS) {
    const r = await recordingDetection({
      timestamps: Number(opts.timestamps),
      kind,
      spacing: 250,
      window: 64,
      stride: 8,
      seed: 1,
      config: { epochs: Number(opts.epochs), hiddenUnits: 16, latentDim: 3, learningRate: 0.01, klWeight: 0.001, batchSize: 64 },
    })
    for (const combine of ['mean', 'max'] as const) {
      const best = r[combine]
      const d = eventDetection(r.perTimestamp[combine], r.testEvents, defaultScoreThreshold(r.perTimestamp[combine]))
      console.log(
        `| ${kind} | ${r.events} | ${combine} | ${best.recall.toFixed(3)} | ${best.precision.toFixed(3)} | ${(best.flaggedFraction * 100).toFixed(2)} % | ${d.recall.toFixed(3)} / ${d.precision.toFixed(3)} | ${r.seconds.toFixed(1)} |`,
      )
    }
  }
  console.log(loadLine('after'))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})

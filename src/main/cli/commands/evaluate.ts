import type { RunEvent } from '../../../shared/api'
import { DEFAULT_IWAE_K, MAX_IWAE_K, natsPerValue, type LikelihoodEvaluation, type NatsEstimate } from '../../../shared/likelihood-evaluation'
import { dataDirOption, integerFlag, jsonOption, parseCommandArgs, parseRunId } from '../cli-args'
import { withLab } from '../open-lab'
import { fractionBar, TerminalProgress } from '../progress-bar'

export const evaluateUsage = `seqvae evaluate <id> [--iwae K] [--data-dir DIR] [--json]
  The run's test log-likelihood on its evaluation samples: the importance-weighted bound with K
  samples (default ${DEFAULT_IWAE_K}, at most ${MAX_IWAE_K}) and the ELBO, in nats, with Monte-Carlo standard errors.
  Computed once per K and stored; later calls answer at once.`

const nats = ({ mean, standardError }: NatsEstimate, e: LikelihoodEvaluation) =>
  `${mean.toFixed(2)} ± ${standardError.toFixed(2)} nats per sequence  (${natsPerValue(mean, e).toFixed(4)} per value)`

function evaluationText(e: LikelihoodEvaluation, name: string, dataset: string): string {
  const likelihood = e.likelihood === 'gaussian' ? 'Gaussian, σ² = ½, in the model’s normalised units' : 'Bernoulli'
  return [
    `run ${e.runId} "${name}": test log-likelihood on ${e.samples.toLocaleString('en-US')} evaluation samples of ${dataset} (${likelihood})`,
    `  IWAE-${e.k}`.padEnd(12) + nats(e.iwae, e),
    '  ELBO'.padEnd(12) + nats(e.elbo, e),
    `  ${e.valuesPerSequence} values per sequence; samples differ by ${e.spread.toFixed(1)} nats (sd); ${e.replicates} replicates per sample, seed ${e.seed}, ${e.seconds.toFixed(1)} s`,
    'IWAE-K is a lower bound on log p(x) that rises towards it as K grows (K = 1 is the ELBO); higher is better,',
    "and unlike val_loss it compares runs of the same dataset and likelihood whatever their KL weight or warm-up.",
  ].join('\n')
}

export async function evaluateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('evaluate', args, { ...dataDirOption, ...jsonOption, iwae: { type: 'string' } }, 1)
  const id = parseRunId('evaluate', positionals[0])
  const k = integerFlag('evaluate', 'iwae', values.iwae, DEFAULT_IWAE_K, 1, MAX_IWAE_K)
  return withLab(values['data-dir'], async (lab) => {
    const run = await lab.getRun(id)
    const bar = !values.json && process.stderr.isTTY ? new TerminalProgress(process.stderr) : null
    const unsubscribe = lab.subscribe((e: RunEvent) => {
      if (e.type === 'likelihood' && e.runId === id && e.k === k) bar?.update(`IWAE-${k} ${fractionBar(e.done / e.total)} ${e.done.toLocaleString('en-US')}/${e.total.toLocaleString('en-US')} decodes`)
    })
    let evaluation: LikelihoodEvaluation
    try {
      evaluation = await lab.evaluateLikelihood(id, { k })
    } finally {
      unsubscribe()
      bar?.done()
    }
    console.log(values.json ? JSON.stringify(evaluation) : evaluationText(evaluation, run.name, run.config.dataset))
    return 0
  })
}

import { z } from 'zod'
import { integer } from './schema-fields'
import type { RunId } from './api'
import type { Likelihood } from './run-config'

/**
 * A run's test log-likelihood, comparable across runs of one dataset whatever their λ, β or
 * warm-up (val_loss is not: it weighs reconstruction and KL by λ). On the run's evaluation samples
 * (the test samples whose codes are stored), in nats per sequence:
 *
 *   IWAE-K = mean over samples of log (1/K)·Σ_k p(x|z_k)·p(z_k)/q(z_k|x),  z_k ~ q(z|x)
 *
 * (Burda et al. 2016): a lower bound on log p(x) that tightens as K grows; K = 1 is the ELBO.
 * p(x|z) is the run's likelihood: Bernoulli (the cross-entropy training uses; on grey levels such
 * as MNIST's it is not a normalised density, so compare it only between Bernoulli runs on the same
 * data) or Gaussian with the fixed variance σ² = ½ that training's squared error implies, in the
 * model's normalised units. Standard errors are Monte-Carlo errors: the draws' noise with the samples
 * fixed, measured from independent replicates of the estimate per sample.
 */
export interface NatsEstimate {
  /** Nats per sequence. */
  mean: number
  standardError: number
}

export interface LikelihoodEvaluation {
  runId: RunId
  /** Importance samples per estimate. */
  k: number
  /** Independent estimates per sample whose spread gives the standard error. */
  replicates: number
  seed: number
  /** Evaluation samples (sequences) it averages over. */
  samples: number
  /** Values per sequence (steps × features): divide by it for nats per value. */
  valuesPerSequence: number
  likelihood: Likelihood
  iwae: NatsEstimate
  /** The ELBO from the same draws (all replicates × K of them). */
  elbo: NatsEstimate
  /** Standard deviation of the per-sample IWAE estimates (how much log p(x) varies between samples). */
  spread: number
  seconds: number
  createdAt: string
}

export const DEFAULT_IWAE_K = 100
export const MAX_IWAE_K = 10_000

export const LikelihoodQuerySchema = z
  .object({ k: integer('k', 1, MAX_IWAE_K).default(DEFAULT_IWAE_K) }, { error: 'the likelihood query must be an object of options' })
  .strict()
export type LikelihoodQueryInput = z.input<typeof LikelihoodQuerySchema>

/** Nats per value (per pixel on MNIST) of a per-sequence figure. */
export function natsPerValue(nats: number, evaluation: Pick<LikelihoodEvaluation, 'valuesPerSequence'>): number {
  return nats / evaluation.valuesPerSequence
}

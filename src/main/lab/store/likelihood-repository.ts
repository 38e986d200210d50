import type { RunId } from '../../../shared/api'
import type { LikelihoodEvaluation } from '../../../shared/likelihood-evaluation'
import type { Likelihood } from '../../../shared/run-config'
import type { Db } from './database'

interface EvaluationRow {
  run_id: number
  k: number
  replicates: number
  seed: number
  samples: number
  values_per_seq: number
  likelihood: string
  iwae: number
  iwae_se: number
  elbo: number
  elbo_se: number
  spread: number
  seconds: number
  created_at: string
}

function fromRow(r: EvaluationRow): LikelihoodEvaluation {
  return {
    runId: r.run_id,
    k: r.k,
    replicates: r.replicates,
    seed: r.seed,
    samples: r.samples,
    valuesPerSequence: r.values_per_seq,
    likelihood: r.likelihood as Likelihood,
    iwae: { mean: r.iwae, standardError: r.iwae_se },
    elbo: { mean: r.elbo, standardError: r.elbo_se },
    spread: r.spread,
    seconds: r.seconds,
    createdAt: r.created_at,
  }
}

/** Each run's test log-likelihood estimates, one per K (migration 0008; dropped when its codes are stored again). */
export class LikelihoodRepository {
  constructor(private readonly db: Db) {}

  save(e: LikelihoodEvaluation): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO likelihood_evaluations
           (run_id, k, replicates, seed, samples, values_per_seq, likelihood, iwae, iwae_se, elbo, elbo_se, spread, seconds, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.runId, e.k, e.replicates, e.seed, e.samples, e.valuesPerSequence, e.likelihood, e.iwae.mean, e.iwae.standardError, e.elbo.mean, e.elbo.standardError, e.spread, e.seconds, e.createdAt)
  }

  find(runId: RunId, k: number): LikelihoodEvaluation | null {
    const row = this.db.prepare<[number, number], EvaluationRow>('SELECT * FROM likelihood_evaluations WHERE run_id = ? AND k = ?').get(runId, k)
    return row ? fromRow(row) : null
  }

  /** Every stored estimate of these runs, by run then K. */
  forRuns(runIds: readonly RunId[]): LikelihoodEvaluation[] {
    if (runIds.length === 0) return []
    // The ids travel as one JSON array, so the statement stays a literal whatever their number.
    return this.db
      .prepare<[string], EvaluationRow>('SELECT * FROM likelihood_evaluations WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, k')
      .all(JSON.stringify(runIds))
      .map(fromRow)
  }
}

import { UserError } from '../../../shared/errors'

/**
 * What a long computation is handed so it can report how far it got and stop when nobody wants
 * its answer: it calls `progress` after each chunk and `throwIfCancelled` before the next.
 */
export interface AnalysisJob {
  progress(done: number, total: number): void
  /** Throws a UserError (kind `unavailable`) once the job is cancelled. */
  throwIfCancelled(): void
}

/** For callers that neither watch nor cancel (the CLI, tests, benches). */
export const UNWATCHED_JOB: AnalysisJob = { progress: () => {}, throwIfCancelled: () => {} }

/** The error a cancelled job ends with. */
export class CancelledAnalysis extends UserError {
  constructor(message: string) {
    super(message, 'unavailable')
  }
}

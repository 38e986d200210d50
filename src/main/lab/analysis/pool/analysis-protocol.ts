import type { RunId, WorkbenchApi } from '../../../../shared/api'
import { isUserError, UserError } from '../../../../shared/errors'

/** The contract methods that compute rather than read rows: each runs in an analysis worker (analysis-tasks.ts). */
export type AnalysisMethod =
  | 'getReconstructions'
  | 'getSampleAcrossRuns'
  | 'samplePrior'
  | 'probeRadii'
  | 'traverse'
  | 'interpolate'
  | 'getLatentProjection'
  | 'getLatentTimeline'
  | 'getLatentDiagnostics'
  | 'decodePoints'
  | 'decode'
  | 'getAnomalyReport'
  | 'evaluateLikelihood'

export type AnalysisArgs<M extends AnalysisMethod> = Parameters<WorkbenchApi[M]>
export type AnalysisResult<M extends AnalysisMethod> = Awaited<ReturnType<WorkbenchApi[M]>>

/** What a worker is told when it starts (`workerData`). */
export interface AnalysisWorkerData {
  databaseFile: string
  /** The TypeScript loader to register before `entry` (source runs), or null (a built bundle). */
  loader: string | null
  entry: string
}

/** Serving thread → worker. `cancel` is one Int32: the serving thread stores 1 when nobody wants the answer any more. */
export type ToWorker =
  | { type: 'run'; id: number; method: AnalysisMethod; args: unknown[]; cancel: SharedArrayBuffer }
  | { type: 'forget-run'; runId: RunId }
  | { type: 'forget-dataset'; dataset: string }

/** Worker → serving thread. */
export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WireError }

/** An error as it crosses the thread boundary: a UserError stays one (its sentence and kind), anything else stays a bug. */
export interface WireError {
  userKind: UserError['kind'] | null
  message: string
  stack?: string
}

export function errorToWire(e: unknown): WireError {
  if (isUserError(e)) return { userKind: (e as UserError).kind, message: e.message }
  const error = e instanceof Error ? e : new Error(String(e))
  return { userKind: null, message: error.message, stack: error.stack }
}

export function errorFromWire(wire: WireError): Error {
  if (wire.userKind) return new UserError(wire.message, wire.userKind)
  const error = new Error(wire.message)
  if (wire.stack) error.stack = wire.stack
  return error
}

/** The sentence a cancelled analysis ends with (nobody reads it: the caller left or asked again). */
export const CANCELLED_MESSAGE = 'the analysis was cancelled because nobody is waiting for it any more'

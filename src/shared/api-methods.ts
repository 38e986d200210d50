import type { WorkbenchApi } from './api'

/**
 * The contract's request/response methods: everything but `subscribe`, which is a stream that each
 * transport carries its own way (IPC channel, server-sent events). This module is free of zod so
 * the sandboxed preload can import the names without bundling the schemas; the argument schemas
 * live in `api-arguments.ts`.
 */
export type ApiMethod = Exclude<keyof WorkbenchApi, 'subscribe'>
export type ApiArguments<K extends ApiMethod> = Parameters<WorkbenchApi[K]>
export type ApiResult<K extends ApiMethod> = Awaited<ReturnType<WorkbenchApi[K]>>

/** What an adapter may be backed by: the contract minus the event stream. */
export type ApiHandlers = { [K in ApiMethod]: (...args: ApiArguments<K>) => ReturnType<WorkbenchApi[K]> }

// A record keyed by ApiMethod is checked both ways: a contract method missing here, or a name here
// that is not a contract method, fails to compile.
const METHOD_SET: Record<ApiMethod, true> = {
  listDatasets: true,
  getDataset: true,
  importDataset: true,
  previewImport: true,
  deleteDataset: true,
  createRun: true,
  listRuns: true,
  listRunPage: true,
  listRunGroups: true,
  getRun: true,
  cancelRun: true,
  updateRun: true,
  deleteRun: true,
  getMetrics: true,
  getLatents: true,
  decode: true,
  resumeRun: true,
  getLatentDiagnostics: true,
  getReconstructions: true,
  getSampleAcrossRuns: true,
  samplePrior: true,
  probeRadii: true,
  traverse: true,
  interpolate: true,
  getLatentProjection: true,
  getLatentTimeline: true,
  decodePoints: true,
  getAnomalyReport: true,
  evaluateLikelihood: true,
  getLikelihoodEvaluations: true,
  exportModelArchive: true,
  getQueueStatus: true,
}

export const API_METHODS = Object.keys(METHOD_SET) as ApiMethod[]

/** Guards names that arrive from outside (a URL path, an IPC channel); `constructor` and friends are not methods. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(METHOD_SET, name)
}

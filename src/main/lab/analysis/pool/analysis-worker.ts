import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { CancelledAnalysis, type AnalysisJob } from '../analysis-job'
import { AnalysisContext } from './analysis-context'
import { CANCELLED_MESSAGE, errorToWire, type AnalysisMethod, type AnalysisWorkerData, type FromWorker, type ToWorker } from './analysis-protocol'
import { ANALYSIS_TASKS, type AnalysisTask } from './analysis-tasks'

/** Progress is sent when it moves by at least this fraction (or finishes): enough for a bar, few messages. */
const PROGRESS_STEP = 0.01

/** The job of one request: progress goes to the serving thread, cancellation is read from the shared flag. */
function jobFor(id: number, cancel: Int32Array, send: (m: FromWorker) => void): AnalysisJob {
  let sent = -1
  return {
    progress(done, total) {
      const fraction = total > 0 ? done / total : 1
      if (fraction < 1 && fraction - sent < PROGRESS_STEP) return
      sent = fraction
      send({ type: 'progress', id, done, total })
    },
    throwIfCancelled() {
      if (Atomics.load(cancel, 0) !== 0) throw new CancelledAnalysis(CANCELLED_MESSAGE)
    },
  }
}

/** One analysis worker thread: runs the requests the pool sends, one at a time, with a context kept between them. */
function serve(data: AnalysisWorkerData): void {
  const port = parentPort!
  const context = AnalysisContext.open(data.databaseFile)
  const send = (message: FromWorker) => port.postMessage(message)
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'forget-run') return context.forgetRun(message.runId)
    if (message.type === 'forget-dataset') return context.forgetDataset(message.dataset)
    const { id, method, args } = message
    const job = jobFor(id, new Int32Array(message.cancel), send)
    try {
      job.throwIfCancelled()
      const task = ANALYSIS_TASKS[method] as AnalysisTask<AnalysisMethod>
      const result = await task(context, args as never, job)
      send({ type: 'result', id, result })
    } catch (e) {
      send({ type: 'error', id, error: errorToWire(e) })
    }
  })
}

if (!isMainThread && (workerData as AnalysisWorkerData | undefined)?.databaseFile) serve(workerData as AnalysisWorkerData)

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reply } from '../../../src/main/ipc/api-reply'
import { Lab } from '../../../src/main/lab/lab'
import type { RunEvent, RunId, WorkbenchApi } from '../../../src/shared/api'
import { API_METHODS, type ApiHandlers } from '../../../src/shared/api-methods'
import type { UploadedFile } from '../../../src/shared/datasets'
import { UserError } from '../../../src/shared/errors'
import { createHttpWorkbench } from '../../../src/renderer/src/api/http-workbench'
import { startServeProcess, type ServeProcess } from '../../e2e/helpers/serve-process'

/**
 * One contract suite, run against the Lab in this process, through the IPC handlers' dispatch
 * (arguments and answers structured-cloned, as Electron does), and over HTTP against a real
 * `seqvae serve`: all must behave identically, down to error sentences and the bits of the codes.
 */

const TINY = { epochs: 2, trainLimit: 200, valLimit: 100, evalLimit: 100 }
/** Codes to decode: awkward Float32 values (−0, a subnormal, values with no short decimal form). */
const Z = new Float32Array(new Uint32Array([0x80000000, 0x3eaaaaab, 0xbfc00001, 0x00000001, 0x3f7fffff, 0xc0490fdb]).buffer)

interface Connection {
  api: WorkbenchApi
  close(): Promise<void>
}

async function until(what: string, condition: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ name: string; kind: unknown; message: string }> {
  try {
    await promise
  } catch (e) {
    const error = e as Error & { kind?: unknown }
    return { name: error.name, kind: error.kind, message: error.message }
  }
  throw new Error('expected the call to fail')
}

/** Event types in order, with each stretch of progress events collapsed (their number depends on timing). */
const eventShape = (events: RunEvent[]) =>
  events
    .map((e) => (e.type === 'status' ? `status:${e.status}` : e.type === 'phase' ? `phase:${e.phase}` : e.type))
    .filter((type, i, types) => type !== 'progress' || types[i - 1] !== 'progress')

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length))

/** 60 sines of 16 steps around 20 ± 5, as a UCR file; every sixth ("anomalous") has a spike. */
function sensorUpload(): UploadedFile {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const spike = i % 6 === 0
    const values = Array.from({ length: 16 }, (_, t) => (20 + 5 * Math.sin((2 * Math.PI * t) / 16 + i / 5) + (spike && t === 8 ? 9 : 0)).toFixed(3))
    return [spike ? 'anomalous' : 'normal', ...values].join(',')
  })
  return { name: 'sensor.csv', bytes: new TextEncoder().encode(rows.join('\n') + '\n') }
}

const fixture = (name: string): UploadedFile => ({
  name: path.basename(name),
  bytes: new Uint8Array(readFileSync(path.join(__dirname, '../../fixtures/import', name))),
})

interface Results {
  transcript: Record<string, unknown>
  runId: RunId
  latentBits: number[][]
  decodedBits: number[]
}

function contractSuite(transport: string, connect: () => Promise<Connection>): Partial<Results> {
  const results: Partial<Results> = { transcript: {} }
  const transcript = results.transcript!
  let connection: Connection
  const events: RunEvent[] = []

  describe(`the WorkbenchApi ${transport}`, () => {
    beforeAll(async () => {
      connection = await connect()
      connection.api.subscribe((e) => events.push(e))
    })
    afterAll(() => connection?.close())

    it('lists datasets, trains a run with events in order, and serves its metrics, codes and decodes', async () => {
      const { api } = connection
      const datasets = await api.listDatasets()
      expect(datasets.find((d) => d.name === 'mnist')).toMatchObject({ available: true, steps: 28, features: 28 })

      const created = await api.createRun(TINY, 'contract')
      expect(created).toMatchObject({ name: 'contract', epochs: 2, dataset: 'mnist' })
      await until('the run to finish', () => events.some((e) => e.runId === created.id && e.type === 'status'))

      const seqs = events.map((e) => e.seq)
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i))
      const runEvents = events.filter((e) => e.runId === created.id)
      const shape = eventShape(runEvents)
      // Evaluation encodes the 100 test samples in one chunk: evaluating 0 of 100, then 100 of 100.
      expect(shape).toEqual(['queued', 'phase:loading-data', 'started', 'progress', 'epoch', 'progress', 'epoch', 'phase:evaluating', 'phase:evaluating', 'status:finished'])
      const fractions = runEvents.flatMap((e) => (e.type === 'progress' ? [e.progress.epoch - 1 + e.progress.samplesDone / e.progress.samplesTotal] : []))
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
      expect(fractions.at(-1)).toBe(2)

      const detail = await api.getRun(created.id)
      expect(detail).toMatchObject({ status: 'finished', epochsDone: 2, hasLatents: true, hasWeights: true, params: 15194 })
      expect(detail.config).toMatchObject(TINY)
      expect((await api.listRuns()).map((r) => r.id)).toContain(created.id)
      expect((await api.listRuns({ status: ['finished'] })).map((r) => r.id)).toEqual([created.id])
      expect(await api.listRuns({ status: ['running', 'queued'] })).toEqual([])
      const page = await api.listRunPage({ sort: { field: 'bestValLoss', descending: false }, where: [{ field: 'latentDim', op: '=', value: String(detail.config.latentDim) }], limit: 5 })
      expect(page.runs.map((r) => r.id)).toContain(created.id)
      expect(page.runs.find((r) => r.id === created.id)?.best).toEqual(detail.best)
      expect(page.counts.finished).toBeGreaterThanOrEqual(1)
      const { groups } = await api.listRunGroups({ configKey: detail.configKey })
      expect(groups).toMatchObject([{ key: detail.configKey, count: 1, latestRunId: created.id }])

      const [series] = await api.getMetrics([created.id])
      const epochEvents = runEvents.flatMap((e) => (e.type === 'epoch' ? [e.metrics] : []))
      expect(series.epochs).toEqual(epochEvents)

      const cloud = await api.getLatents(created.id)
      expect(cloud.zMean).toBeInstanceOf(Float32Array)
      expect(cloud.labels).toBeInstanceOf(Int32Array)
      expect([cloud.count, cloud.dim, cloud.zMean.length, cloud.indices.length]).toEqual([100, 3, 300, 100])

      // The validation subset's codes after every epoch, typed arrays intact.
      const timeline = await api.getLatentTimeline(created.id)
      expect(timeline.frames).toBeInstanceOf(Float32Array)
      expect(timeline.labels).toBeInstanceOf(Int32Array)
      expect([timeline.epochs, timeline.frames.length]).toEqual([series.epochs.map((m) => m.epoch), series.epochs.length * timeline.count * 3])

      const decoded = await api.decode(created.id, Z, 2)
      expect(decoded.data).toBeInstanceOf(Float32Array)
      expect([decoded.count, decoded.steps, decoded.features, decoded.data.length]).toEqual([2, 28, 28, 2 * 28 * 28])
      expect(decoded.data.every((p) => p > 0 && p < 1)).toBe(true)

      // The test log-likelihood: computed once with progress up to 100 %, then served from its table.
      const likelihood = await api.evaluateLikelihood(created.id, { k: 8 })
      expect(likelihood).toMatchObject({ runId: created.id, k: 8, replicates: 2, samples: 100, valuesPerSequence: 784, likelihood: 'bernoulli' })
      expect(likelihood.iwae.mean).toBeLessThan(0)
      expect(likelihood.iwae.mean).toBeGreaterThan(likelihood.elbo.mean - 4 * Math.hypot(likelihood.iwae.standardError, likelihood.elbo.standardError))
      const estimating = events.flatMap((e) => (e.type === 'likelihood' && e.runId === created.id ? [e.done / e.total] : []))
      expect(estimating.at(-1)).toBe(1)
      expect(estimating).toEqual([...estimating].sort((a, b) => a - b))
      expect(await api.evaluateLikelihood(created.id, { k: 8 })).toEqual(likelihood)
      expect(await api.getLikelihoodEvaluations([created.id])).toEqual([likelihood])
      expect((await rejectionOf(api.evaluateLikelihood(created.id, { k: 0 }))).message).toBe('k must be an integer between 1 and 10000')

      // Without a queue the serving process trains runs itself: no workers, nothing waiting now.
      const queue = await api.getQueueStatus()
      expect(queue).toEqual({ mode: 'local', address: null, problem: null, waiting: [], workers: [], localJobs: 1 })

      const updated = await api.updateRun(created.id, { name: 'renamed', notes: 'over the contract', tags: ['a', 'b'] })
      expect(updated).toMatchObject({ name: 'renamed', notes: 'over the contract', tags: ['a', 'b'] })

      results.runId = created.id
      results.latentBits = [cloud.zMean, cloud.zLogVar, cloud.reconBce, cloud.reconMse].map(bitsOf)
      results.decodedBits = bitsOf(decoded.data)
      Object.assign(transcript, {
        datasets: datasets.map((d) => [d.name, d.available]),
        created: [created.id, created.name, created.epochs, created.configHash],
        shape,
        detail: [detail.status, detail.epochsDone, detail.hasLatents, detail.hasWeights, detail.params, detail.config],
        metricEpochs: series.epochs.map((m) => m.epoch),
        latents: [cloud.count, cloud.dim, Array.from(cloud.indices), Array.from(cloud.labels)],
        updated: [updated.name, updated.notes, updated.tags],
        likelihood: [likelihood.k, likelihood.samples, likelihood.iwae, likelihood.elbo, likelihood.spread],
        queue,
      })
    })

    it('cancels a training run, refuses to cancel it twice, and deletes it', async () => {
      const { api } = connection
      const long = await api.createRun({ ...TINY, epochs: 500 }, 'to cancel')
      await until('the run to train', () => events.some((e) => e.runId === long.id && e.type === 'progress'))
      await api.cancelRun(long.id)
      expect((await api.getRun(long.id)).status).toBe('cancelled')
      await until('the cancelled event', () => events.some((e) => e.runId === long.id && e.type === 'status'))
      const twice = await rejectionOf(api.cancelRun(long.id))
      expect(twice).toMatchObject({ name: 'UserError', kind: 'conflict' })

      await api.deleteRun(long.id)
      await until('the deleted event', () => events.some((e) => e.runId === long.id && e.type === 'deleted'))
      const gone = await rejectionOf(api.getRun(long.id))
      expect(gone).toMatchObject({ name: 'UserError', kind: 'not-found' })
      expect((await api.listRuns()).map((r) => r.id)).not.toContain(long.id)
      const neverWas = await rejectionOf(api.deleteRun(9999))
      expect(neverWas).toMatchObject({ name: 'UserError', kind: 'not-found' })

      Object.assign(transcript, {
        cancelShape: eventShape(events.filter((e) => e.runId === long.id)).filter((t) => t !== 'progress' && t !== 'epoch'),
        errors: [twice, gone, neverWas],
      })
    })

    it('imports, describes and deletes datasets, and reports a run on one as an anomaly detector', async () => {
      const { api } = connection
      const upload = sensorUpload()
      const detail = await api.importDataset(upload, { name: 'sensor' })
      expect(detail).toMatchObject({ name: 'sensor', imported: true, steps: 16, features: 1, trainCount: 48, testCount: 12, suggestedConfig: { likelihood: 'bernoulli' } })
      expect(detail.preview.data).toBeInstanceOf(Float32Array)
      expect(detail.preview.labels).toBeInstanceOf(Int32Array)
      // The preview is in the file's units (around 20), not the model's [0, 1].
      expect(Math.max(...detail.preview.data)).toBeGreaterThan(20)
      expect(await api.getDataset('sensor')).toEqual(detail)
      const listed = (await api.listDatasets()).find((d) => d.name === 'sensor')
      expect(listed).toMatchObject({ imported: true, suggestedConfig: { likelihood: 'bernoulli' } })
      const builtIn = await api.getDataset('synthetic-sines')
      expect(builtIn).toMatchObject({ imported: false, source: null, normalisation: null, suggestedConfig: { klWeight: 0.001, learningRate: 0.01, bidirectional: true } })

      const refusals = [
        await rejectionOf(api.importDataset(fixture('malformed/text-in-number.csv'))),
        await rejectionOf(api.importDataset(upload, { name: 'sensor' })),
        await rejectionOf(api.importDataset(fixture('series-f32.npy'), { name: 'unlabelled' }, fixture('malformed/labels-too-few.npy'))),
        await rejectionOf(api.importDataset(upload, { normalisation: 'log' } as never)),
        await rejectionOf(api.getDataset('nope')),
        await rejectionOf(api.deleteDataset('mnist')),
      ]
      expect(refusals.slice(0, 2)).toEqual([
        { name: 'UserError', kind: 'invalid', message: 'text-in-number.csv, line 2, column 4: "abc" is not a finite number' },
        { name: 'UserError', kind: 'conflict', message: 'a dataset named "sensor" already exists; choose another name' },
      ])
      expect((await api.listDatasets()).filter((d) => d.imported).map((d) => d.name)).toEqual(['sensor'])

      const run = await api.createRun({ dataset: 'sensor', epochs: 1, hiddenUnits: 8, batchSize: 16 })
      expect(run.config).toMatchObject({ dataset: 'sensor', likelihood: 'bernoulli', klWeight: 0.01 })
      await until('the sensor run to finish', () => events.some((e) => e.runId === run.id && e.type === 'status'))
      const inUse = await rejectionOf(api.deleteDataset('sensor'))
      expect(inUse).toEqual({ name: 'UserError', kind: 'conflict', message: `dataset "sensor" cannot be deleted while run ${run.id} uses it; delete that run first` })

      const report = await api.getAnomalyReport(run.id)
      expect(report).toMatchObject({ runId: run.id, score: 'max-step-mse', count: 12, steps: 16, classNames: ['anomalous', 'normal'], anomalyClasses: [0] })
      expect(report.scores).toBeInstanceOf(Float32Array)
      expect(report.stepScores.length).toBe(12 * 16)
      expect(report.curves!.thresholds).toBeInstanceOf(Float32Array)
      expect(report.curves!.truePositives).toBeInstanceOf(Int32Array)
      const nll = await api.getAnomalyReport(run.id, { score: 'nll', samples: 4 })
      expect(nll.summary).toEqual(expect.objectContaining({ nll: nll.summary!.nll }))

      await api.deleteRun(run.id)
      await api.deleteDataset('sensor')
      const deleted = await rejectionOf(api.getDataset('sensor'))
      expect(deleted.kind).toBe('not-found')

      Object.assign(transcript, {
        dataset: [detail.name, detail.title, detail.trainCount, detail.testCount, detail.classNames, detail.normalisation, detail.minLength, detail.maxLength, detail.preview.count],
        builtIn: [builtIn.preview.count, Array.from(builtIn.preview.labels), bitsOf(builtIn.preview.data)],
        datasetErrors: [...refusals, inUse, deleted],
        report: [report.count, report.steps, Array.from(report.labels), report.anomalyClasses, report.curves!.positives, Object.keys(report.summary!)],
      })
    })
  })
  return results
}

// Both data directories outlive single tests (the last test reopens the served one), so they go at the end.
const dirs: string[] = []
const tempDir = () => {
  dirs.push(mkdtempSync(path.join(os.tmpdir(), 'seqvae-contract-')))
  return dirs[dirs.length - 1]
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
let servedDir = ''

const direct = contractSuite('in process (the Lab)', async () => {
  const dataDir = tempDir()
  const lab = Lab.open({ dataDir })
  return { api: lab, close: () => lab.close() }
})

/** What the desktop app does with a call: the IPC handler's answer, with both directions structured-cloned. */
function ipcLike(lab: Lab): WorkbenchApi {
  const call = async (method: (typeof API_METHODS)[number], args: unknown[]) => {
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop()
    const answer = structuredClone(await reply(lab, method, structuredClone(args)))
    if (answer.ok) return answer.value
    throw answer.failure.kind === 'internal' || answer.failure.kind === 'forbidden'
      ? new Error(answer.failure.message)
      : new UserError(answer.failure.message, answer.failure.kind)
  }
  const methods = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as ApiHandlers
  return { ...methods, subscribe: (listener) => lab.subscribe((e) => listener(structuredClone(e))) }
}

const ipc = contractSuite('through the IPC handlers (structured clone)', async () => {
  const lab = Lab.open({ dataDir: tempDir() })
  return { api: ipcLike(lab), close: () => lab.close() }
})

const http = contractSuite('over HTTP (seqvae serve)', async () => {
  servedDir = tempDir()
  const server: ServeProcess = await startServeProcess(servedDir)
  return {
    api: createHttpWorkbench({ baseUrl: server.origin, token: server.token }),
    close: async () => {
      expect(await server.stop()).toBe(0)
    },
  }
})

describe('every transport', () => {
  it('produces identical results', () => {
    expect(http.transcript).toEqual(direct.transcript)
    expect(ipc.transcript).toEqual(direct.transcript)
    expect(Object.keys(direct.transcript ?? {})).toHaveLength(15)
  })

  it('serve the very bits the Lab stored: codes and decodes round-trip bit-exact as Float32', async () => {
    // The server has stopped; open its data directory in process and ask the Lab itself.
    const lab = Lab.open({ dataDir: servedDir })
    try {
      const id = http.runId!
      const cloud = await lab.getLatents(id)
      expect(http.latentBits).toEqual([cloud.zMean, cloud.zLogVar, cloud.reconBce, cloud.reconMse].map(bitsOf))
      expect(http.decodedBits).toEqual(bitsOf((await lab.decode(id, Z, 2)).data))
    } finally {
      await lab.close()
    }
  })
})

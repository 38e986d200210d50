import Database from 'better-sqlite3'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../../src/main/lab/data-dir'
import { Lab } from '../../../src/main/lab/lab'
import { initialWeights } from '../../../src/main/lab/model/initial-weights'
import { modelSpecFor } from '../../../src/main/lab/model/model-spec'
import { startServer, type RunningServer } from '../../../src/main/server/workbench-server'
import { parseArguments } from '../../../src/shared/api-arguments'
import { API_METHODS, type ApiMethod } from '../../../src/shared/api-methods'
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/run-config'
import { decodeWire } from '../../../src/shared/wire-codec'
import { openStore } from '../../helpers/open-store'
import { useTempDirs } from '../../helpers/temp-dir'

/** Methods that change nothing: for these even valid payloads are sent (and must not fail with 5xx). */
const READ_ONLY = new Set<ApiMethod>(API_METHODS.filter((m) => /^(get|list|sample|probe|traverse|interpolate|decode)/.test(m)))
const PAYLOADS_PER_ENDPOINT = 1000

function post(url: string, token: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A digest of every row of every table: any change to the database changes it. */
function databaseDigest(dataDir: string): string {
  const db = new Database(databaseFile(dataDir), { readonly: true })
  const hash = createHash('sha256')
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  for (const { name } of tables) {
    hash.update(name)
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) {
      hash.update(JSON.stringify(row, (_, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v)))
    }
  }
  db.close()
  return hash.digest('hex')
}

/** Argument lists that are random, malformed, or nearly right (a real run id with junk after it). */
const argumentLists = fc.oneof(
  fc.jsonValue(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.tuple(fc.oneof(fc.constant(1), fc.integer(), fc.double(), fc.string()), fc.jsonValue({ maxDepth: 2 })),
  fc.tuple(fc.constant(1), fc.record({ $f32: fc.string() })),
  fc.tuple(fc.constant(1), fc.record({ $f32: fc.base64String({ maxLength: 40 }) }), fc.integer({ min: -5, max: 5 })),
  fc.tuple(fc.dictionary(fc.constantFrom('epochs', 'latentDim', 'cell', 'learningRate', 'limit', 'order', 'radii'), fc.jsonValue({ maxDepth: 1 }))),
)

/** Bodies as bytes on the wire: JSON of the lists above, or text that is not JSON at all. */
const bodies = fc.oneof({ weight: 4, arbitrary: argumentLists.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }) })

describe('HTTP fuzzing', () => {
  const tempDir = useTempDirs()
  let lab: Lab
  let server: RunningServer
  let dataDir: string

  beforeAll(async () => {
    const rendererDir = tempDir()
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
    dataDir = tempDir()
    // One finished run with weights and codes, so ids, decodes and rankings have something to work on.
    const store = openStore(dataDir)
    const run = store.runs.create({ ...DEFAULT_RUN_CONFIG, epochs: 1 }, 'fuzz target')
    store.runs.setStatus(run.id, 'finished')
    const spec = modelSpecFor(DEFAULT_RUN_CONFIG, 28, 28)
    store.artifacts.saveFinalWeights(run.id, initialWeights(spec, 1))
    const n = 50
    store.artifacts.saveLatents({
      runId: run.id,
      count: n,
      dim: 3,
      indices: Int32Array.from({ length: n }, (_, i) => i),
      labels: Int32Array.from({ length: n }, (_, i) => i % 10),
      zMean: Float32Array.from({ length: n * 3 }, (_, i) => Math.sin(i)),
      zLogVar: new Float32Array(n * 3).fill(-1),
      reconBce: Float32Array.from({ length: n }, (_, i) => 0.1 + i / 1000),
      reconMse: Float32Array.from({ length: n }, (_, i) => 0.01 + i / 10000),
    })
    store.close()
    lab = Lab.open({ dataDir })
    server = await startServer({ api: lab, port: 0, rendererDir })
  })
  afterAll(async () => {
    await server.close()
    await lab.close()
  })

  it(`answers ${PAYLOADS_PER_ENDPOINT} random payloads per endpoint with 4xx and a message, never 5xx, never a changed database`, async () => {
    const origin = new URL(server.url).origin
    const before = databaseDigest(dataDir)
    let sent = 0
    const statuses = new Map<number, number>()
    for (const method of [...API_METHODS, 'constructor', '__proto__', 'no-such-method']) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          let valid = false
          try {
            parseArguments(method as ApiMethod, decodeWire(body))
            valid = (API_METHODS as string[]).includes(method)
          } catch {
            valid = false
          }
          if (valid && !READ_ONLY.has(method as ApiMethod)) return // a valid call that changes things is not fuzz
          const answer = await post(`${origin}/api/${method}`, server.token, body)
          sent++
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
          expect(answer.status, `${method} ${body}`).toBeLessThan(500)
          if (!valid) {
            expect(answer.status, `${method} ${body}`).toBeGreaterThanOrEqual(400)
            const message = (JSON.parse(answer.body) as { error: { message: string } }).error.message
            expect(message.length, `${method} ${body}`).toBeGreaterThan(3)
            expect(message).not.toMatch(/\n\s+at /)
          }
        }),
        { numRuns: PAYLOADS_PER_ENDPOINT, seed: 20261127 },
      )
      // Wrong content type and wrong verb on every endpoint, too.
      expect((await post(`${origin}/api/${method}`, server.token, '[]', 'text/plain')).status).toBeGreaterThanOrEqual(400)
    }
    expect(sent).toBeGreaterThan(API_METHODS.length * 900)
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`)
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true)
    expect(databaseDigest(dataDir)).toBe(before)
  }, 300_000)
})

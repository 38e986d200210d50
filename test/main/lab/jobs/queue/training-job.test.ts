import { describe, expect, it } from 'vitest'
import { checkTrainingJob, MAX_JOB_BYTES, QUEUE_PROTOCOL } from '../../../../../src/main/lab/jobs/queue/training-job'
import { DEFAULT_RUN_CONFIG } from '../../../../../src/shared/run-config'

const GOOD = { protocol: QUEUE_PROTOCOL, runId: 7, config: DEFAULT_RUN_CONFIG, dataset: null }
const verdict = (data: unknown) => checkTrainingJob(data, Buffer.byteLength(JSON.stringify(data)))

describe('a worker checks every job before it trains anything', () => {
  it('takes a job that is a run id, a whole valid config and a dataset reference', () => {
    expect(verdict(GOOD)).toEqual({ ok: true, job: GOOD })
    const imported = { ...GOOD, dataset: { sha256: 'a'.repeat(64), bytes: 1000 } }
    expect(verdict(imported).ok).toBe(true)
  })

  it('refuses unknown fields, wrong types, other protocols and oversize payloads, naming the run when it can', () => {
    expect(verdict({ ...GOOD, config: { ...DEFAULT_RUN_CONFIG, shell: 'rm -rf /' } })).toEqual({ ok: false, runId: 7, reason: 'unknown field: shell' })
    expect(verdict({ ...GOOD, config: { ...DEFAULT_RUN_CONFIG, epochs: 'ten' } })).toEqual({ ok: false, runId: 7, reason: 'epochs must be an integer between 1 and 10000' })
    expect(verdict({ ...GOOD, script: 'process.exit()' })).toEqual({ ok: false, runId: 7, reason: 'unknown field: script' })
    expect(verdict({ ...GOOD, protocol: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining('protocol must be 1') })
    expect(verdict({ ...GOOD, dataset: { sha256: '../../etc/passwd', bytes: 1 } })).toMatchObject({ ok: false, reason: 'sha256 must be 64 hexadecimal digits' })
    const big = { ...GOOD, config: { ...DEFAULT_RUN_CONFIG, dataset: 'x'.repeat(MAX_JOB_BYTES) } }
    expect(verdict(big)).toMatchObject({ ok: false, runId: 7, reason: expect.stringContaining(`more than the ${MAX_JOB_BYTES} a job may hold`) })
    expect(verdict({ runId: -1 })).toMatchObject({ ok: false, runId: null })
    expect(verdict(null)).toMatchObject({ ok: false, runId: null })
    expect(verdict('train everything')).toMatchObject({ ok: false, runId: null })
  })
})

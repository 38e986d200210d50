import { describe, expect, it } from 'vitest'
import { API_ARGUMENTS, parseArguments } from '../../src/shared/api-arguments'
import { API_METHODS, isApiMethod } from '../../src/shared/api-methods'
import { MAX_UPLOAD_BYTES } from '../../src/shared/datasets'

const messageOf = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    expect((e as Error).name).toBe('UserError')
    return (e as Error).message
  }
  throw new Error('expected a UserError')
}

describe('API argument table', () => {
  it('has one schema per contract method and knows its method names', () => {
    expect(Object.keys(API_ARGUMENTS).sort()).toEqual([...API_METHODS].sort())
    expect(API_METHODS).not.toContain('subscribe')
    expect(isApiMethod('getRun')).toBe(true)
    for (const name of ['subscribe', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(isApiMethod(name)).toBe(false)
  })

  it('checks a run config but passes it on as given, so the Lab can put dataset suggestions under it', () => {
    expect(parseArguments('createRun', [{ epochs: 2 }, 'quick'])).toEqual([{ epochs: 2 }, 'quick'])
    expect(parseArguments('createRun', [{}])).toEqual([{}])
    expect(messageOf(() => parseArguments('createRun', [{ likelihood: 'poisson', bidirectional: 'yes' }]))).toBe(
      'bidirectional must be true or false; likelihood must be one of: bernoulli, gaussian',
    )
    expect(parseArguments('listRuns', [])).toEqual([])
    expect(parseArguments('getQueueStatus', [])).toEqual([])
    expect(parseArguments('listRuns', [{ status: ['running'], tag: 'a' }])).toEqual([{ status: ['running'], tag: 'a' }])
    const z = new Float32Array([0.5, -1, 2])
    const [, zBack] = parseArguments('decode', [3, z, 1])
    expect(zBack).toBe(z)
  })

  it('explains wrong arity, wrong types and unknown fields in one sentence, without argument positions', () => {
    expect(messageOf(() => parseArguments('getRun', []))).toBe('getRun needs at least 1 argument')
    expect(messageOf(() => parseArguments('getRun', [1, 2]))).toBe('getRun takes at most 1 argument')
    expect(messageOf(() => parseArguments('getQueueStatus', [true]))).toBe('getQueueStatus takes at most 0 arguments')
    expect(messageOf(() => parseArguments('getRun', { id: 1 }))).toBe('getRun arguments must be sent as a list')
    expect(messageOf(() => parseArguments('getRun', ['7']))).toBe('id must be a positive integer run id')
    expect(messageOf(() => parseArguments('getRun', [1.5]))).toBe('id must be a positive integer run id')
    expect(messageOf(() => parseArguments('createRun', [{ latentDim: 99, colour: 'red' }]))).toBe(
      'latentDim must be an integer between 1 and 64; unknown field: colour',
    )
    expect(messageOf(() => parseArguments('listRuns', [{ status: ['done'] }]))).toMatch(/^status must be one of: queued, running/)
    expect(messageOf(() => parseArguments('updateRun', [1, { tags: ['ok', ''] }]))).toBe('tags: each tag must be 1 to 64 characters')
    expect(messageOf(() => parseArguments('decode', [1, [0.1, 0.2], 1]))).toBe('z must be a Float32Array of latent codes')
    expect(messageOf(() => parseArguments('getMetrics', [[1, 0]]))).toBe('each id must be a positive integer run id')
  })

  it('checks uploads and import options, and the queries of the dataset and anomaly methods', () => {
    const file = { name: 'a.csv', bytes: new Uint8Array([49, 44, 50]) }
    const [parsedFile, options] = parseArguments('importDataset', [file, { normalisation: 'z-score' }])
    expect(parsedFile.bytes).toBe(file.bytes)
    expect(options).toEqual({ normalisation: 'z-score' })
    expect(messageOf(() => parseArguments('importDataset', [{ name: 'a.csv', bytes: [1, 2] }]))).toBe("bytes must be the file's contents as a Uint8Array")
    expect(messageOf(() => parseArguments('importDataset', [{ name: '', bytes: new Uint8Array(1) }]))).toBe("name must be the file's name")
    expect(messageOf(() => parseArguments('importDataset', [file, { normalise: 'z' }]))).toBe('unknown field: normalise')
    expect(messageOf(() => parseArguments('importDataset', [file, { name: '-x' }]))).toMatch(/^name must be 1 to 64 letters/)
    expect(messageOf(() => parseArguments('importDataset', [file, {}, { name: 'l.npy' }]))).toBe("bytes must be the labels file's contents as a Uint8Array")
    // A view of a larger buffer counts its own bytes only; one byte over the limit is refused with the CLI's way out.
    const big = new Uint8Array(new ArrayBuffer(MAX_UPLOAD_BYTES + 1))
    expect(parseArguments('importDataset', [{ name: 'a.csv', bytes: big.subarray(1) }])[0].bytes.byteLength).toBe(MAX_UPLOAD_BYTES)
    expect(messageOf(() => parseArguments('importDataset', [{ name: 'a.csv', bytes: big }]))).toBe(
      'bytes must be at most 256 MiB for an upload; import a larger file with `seqvae import`',
    )
    expect(messageOf(() => parseArguments('getDataset', [3]))).toBe('name must be text')
    expect(messageOf(() => parseArguments('deleteDataset', ['']))).toBe('name must be a dataset name')
    expect(parseArguments('getAnomalyReport', [4])).toEqual([4])
    expect(parseArguments('getAnomalyReport', [4, { score: 'nll' }])).toEqual([4, { score: 'nll', samples: 16 }])
    expect(messageOf(() => parseArguments('getAnomalyReport', [4, { score: 'auc' }]))).toBe('score must be one of: max-step-mse, mse, bce, nll')
    expect(messageOf(() => parseArguments('getAnomalyReport', [4, { anomalyClasses: [1, -1] }]))).toBe(
      'anomalyClasses must be class labels (integers from 0)',
    )
    expect(parseArguments('evaluateLikelihood', [4, {}])).toEqual([4, { k: 100 }])
    expect(messageOf(() => parseArguments('evaluateLikelihood', [4, { k: 1.5 }]))).toBe('k must be an integer between 1 and 10000')
    expect(messageOf(() => parseArguments('evaluateLikelihood', [4, { samples: 3 }]))).toBe('unknown field: samples')
    expect(parseArguments('getLikelihoodEvaluations', [[1, 2]])).toEqual([[1, 2]])
    expect(messageOf(() => parseArguments('getLikelihoodEvaluations', [[0]]))).toBe('each id must be a positive integer run id')
  })
})

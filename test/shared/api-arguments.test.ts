import { describe, expect, it } from 'vitest'
import { API_ARGUMENTS, parseArguments } from '../../src/shared/api-arguments'
import { API_METHODS, isApiMethod } from '../../src/shared/api-methods'
import { DEFAULT_RUN_CONFIG } from '../../src/shared/run-config'

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

  it('fills run config defaults and passes valid arguments through', () => {
    expect(parseArguments('createRun', [{ epochs: 2 }, 'quick'])).toEqual([{ ...DEFAULT_RUN_CONFIG, epochs: 2 }, 'quick'])
    expect(parseArguments('listRuns', [])).toEqual([])
    expect(parseArguments('listRuns', [{ status: ['running'], tag: 'a' }])).toEqual([{ status: ['running'], tag: 'a' }])
    const z = new Float32Array([0.5, -1, 2])
    const [, zBack] = parseArguments('decode', [3, z, 1])
    expect(zBack).toBe(z)
  })

  it('explains wrong arity, wrong types and unknown fields in one sentence, without argument positions', () => {
    expect(messageOf(() => parseArguments('getRun', []))).toBe('getRun needs at least 1 argument')
    expect(messageOf(() => parseArguments('getRun', [1, 2]))).toBe('getRun takes at most 1 argument')
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
})

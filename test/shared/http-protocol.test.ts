import { describe, expect, it } from 'vitest'
import { API_METHODS } from '../../src/shared/api-methods'
import { MAX_UPLOAD_BYTES } from '../../src/shared/datasets'
import { MAX_REQUEST_BYTES, maxRequestBytes } from '../../src/shared/http-protocol'
import { encodeWire } from '../../src/shared/wire-codec'

describe('request body limits', () => {
  it('let an import carry the largest upload as base64, and keep every other call at the small limit', () => {
    // The wire form of the largest upload with the labels of 2 million series: the JSON around an
    // empty file, plus the file's base64 (4 characters per 3 bytes, padded).
    const labels = new Uint8Array(2_000_000 * 8 + 128)
    const frame = encodeWire([{ name: 'x'.repeat(255), bytes: new Uint8Array(0) }, { name: 'series', normalisation: 'z-score', steps: 100_000 }, { name: 'l.npy', bytes: labels }])
    expect(frame.length + 4 * Math.ceil(MAX_UPLOAD_BYTES / 3)).toBeLessThanOrEqual(maxRequestBytes('importDataset'))
    expect(maxRequestBytes('importDataset')).toBeLessThan(MAX_UPLOAD_BYTES * 1.5)
    for (const method of API_METHODS.filter((m) => m !== 'importDataset')) expect(maxRequestBytes(method)).toBe(MAX_REQUEST_BYTES)
  })
})

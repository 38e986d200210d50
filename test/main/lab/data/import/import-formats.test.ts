import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSequenceFile } from '../../../../../src/main/lab/data/import/sequence-file'

const FIXTURES = path.join(__dirname, '../../../../fixtures/import')
const fixture = (name: string) => path.join(FIXTURES, name)
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1e4) / 1e4)

describe('importing each format', () => {
  it('reads a comma-separated UCR file: label first, one univariate series per row', async () => {
    const file = await readSequenceFile({ path: fixture('ucr-comma.csv') })
    expect(file).toMatchObject({ format: 'ucr', fileName: 'ucr-comma.csv', rows: 4, classNames: ['1', '2'], featureNames: ['value'], labelsFile: null })
    expect(file.sha256).toBe(sha256(fixture('ucr-comma.csv')))
    expect([file.set.count, file.set.steps, file.set.features]).toEqual([4, 8, 1])
    expect(Array.from(file.set.labels!)).toEqual([0, 1, 0, 1])
    expect(rounded(file.set.data.subarray(0, 8))).toEqual([0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5])
    expect(rounded(file.set.data.subarray(24, 32))).toEqual([1.5, 1.5, 1.5, 1.5, 2.5, 2.5, 2.5, 2.5])
    expect(Array.from(file.lengths)).toEqual([8, 8, 8, 8])
  })

  it('reads whitespace-separated UCR text with float labels, and resamples a NaN-padded shorter series', async () => {
    const file = await readSequenceFile({ path: fixture('ucr-whitespace-variable.txt') })
    // "1.0000000e+00" and "-1.0000000e+00" are the classes 1 and −1, ordered numerically.
    expect(file.classNames).toEqual(['-1', '1'])
    expect(Array.from(file.set.labels!)).toEqual([1, 0, 1])
    expect(Array.from(file.lengths)).toEqual([5, 5, 3])
    expect([file.set.steps, file.rows]).toEqual([5, 3])
    expect(rounded(file.set.data.subarray(5, 10))).toEqual([5, 4, 3, 2, 1])
    // 2, 4, 6 stretched over 5 evenly spaced points of the same span.
    expect(rounded(file.set.data.subarray(10, 15))).toEqual([2, 3, 4, 5, 6])
  })

  it('reads a long CSV: rows grouped by series_id, sorted by t, resampled on t', async () => {
    const file = await readSequenceFile({ path: fixture('long.csv') })
    expect(file).toMatchObject({ format: 'long-csv', rows: 11, featureNames: ['temperature', 'pressure'], classNames: ['fault', 'normal'] })
    expect([file.set.count, file.set.steps, file.set.features]).toEqual([3, 4, 2])
    expect(Array.from(file.set.labels!)).toEqual([1, 0, 1]) // a normal, b fault, c normal
    expect(Array.from(file.lengths)).toEqual([4, 3, 4])
    expect(rounded(file.set.data.subarray(0, 8))).toEqual([20, 1000, 21, 1001, 22, 1002, 23, 1003])
    // b's rows came as t = 2, 0, 1; three steps stretched to four over t ∈ [0, 2].
    expect(rounded(file.set.data.subarray(8, 16))).toEqual([10, 970, 16.6667, 976.6667, 23.3333, 983.3333, 30, 990])
    // c is sampled at t = 0, 0.5, 2, 3: t = 1 lies a third of the way from 0.5 (6) to 2 (8).
    expect(rounded(file.set.data.subarray(16, 24))).toEqual([5, 900, 6.6667, 908.3333, 8, 915, 9, 920])
  })

  it('resamples to a chosen number of steps', async () => {
    const file = await readSequenceFile({ path: fixture('ucr-comma.csv') }, { steps: 3 })
    expect(file.set.steps).toBe(3)
    expect(rounded(file.set.data.subarray(0, 3))).toEqual([0, 0.25, -0.5])
  })

  it('reads float32 .npy with int64 labels, and the same numbers as big-endian Fortran-ordered float64', async () => {
    const f32 = await readSequenceFile({ path: fixture('series-f32.npy') }, { labels: { path: fixture('labels-i64.npy') } })
    expect(f32).toMatchObject({ format: 'npy', rows: 5, classNames: ['0', '1'], featureNames: ['feature_1', 'feature_2'] })
    expect(f32.labelsFile).toEqual({ fileName: 'labels-i64.npy', sha256: sha256(fixture('labels-i64.npy')) })
    expect([f32.set.count, f32.set.steps, f32.set.features]).toEqual([5, 6, 2])
    expect(Array.from(f32.set.labels!)).toEqual([0, 1, 0, 1, 1])
    // value = 100·series + 10·step + feature
    const at = (i: number, t: number, f: number) => f32.set.data[(i * 6 + t) * 2 + f]
    expect([at(0, 0, 0), at(1, 2, 1), at(4, 5, 1)]).toEqual([0, 121, 451])

    const f64 = await readSequenceFile({ path: fixture('series-f64-fortran-be.npy') })
    expect(f64.set.labels).toBeNull()
    expect(Array.from(f64.set.data)).toEqual(Array.from(f32.set.data))
  })

  it('reads a [series, steps] .npy as one feature', async () => {
    const file = await readSequenceFile({ path: fixture('series-2d.npy') })
    expect([file.set.count, file.set.steps, file.set.features]).toEqual([3, 4, 1])
    expect(Array.from(file.set.data)).toEqual(Array.from({ length: 12 }, (_, i) => i))
  })

  it('reads uploaded bytes the same as the file on disk', async () => {
    const bytes = readFileSync(fixture('long.csv'))
    const fromBytes = await readSequenceFile({ name: 'upload.csv', bytes })
    const fromPath = await readSequenceFile({ path: fixture('long.csv') })
    expect(fromBytes.fileName).toBe('upload.csv')
    expect(fromBytes.sha256).toBe(fromPath.sha256)
    expect(Array.from(fromBytes.set.data)).toEqual(Array.from(fromPath.set.data))
  })

  it('honours --format over detection', async () => {
    // long.csv forced to be read as UCR: its header is then a row whose values are not numbers.
    await expect(readSequenceFile({ path: fixture('long.csv') }, { format: 'ucr' })).rejects.toThrow(`${fixture('long.csv')}, line 1, column 2: "t" is not a finite number`)
  })
})

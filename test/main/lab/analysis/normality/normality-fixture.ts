/**
 * The SciPy/numpy reference fixture written by `test/fixtures/normality/generate.py`: float32 input
 * matrices in `inputs.f32` and the expected numbers in `expected.json`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type {
  AndersonDarlingResult,
  HenzeZirklerResult,
  LatentUnitHealth,
  MardiaResult,
  MmdResult,
  ShapiroWilkResult,
  TestResult,
} from '../../../../../src/shared/latent-diagnostics'

const DIRECTORY = join(__dirname, '../../../../fixtures/normality')

export interface ExpectedCase {
  distribution: 'normal' | 'uniform' | 't3' | 'bimodal'
  n: number
  d: number
  dimensions: {
    mean: number
    variance: number
    skewness: number
    excessKurtosis: number
    ks: TestResult
    andersonDarling: AndersonDarlingResult
    shapiroWilk: ShapiroWilkResult
  }[]
  mardia: MardiaResult
  henzeZirkler: HenzeZirklerResult
  mmd: MmdResult
  maxAbsCorrelation: number
  health: {
    units: LatentUnitHealth[]
    totalKl: number
    holes: { searchedCodes: number; referenceCodes: number; threshold: number; holeFraction: number }
  }
}

interface Fixture {
  scipy: string
  layout: Record<string, { offset: number; rows: number; cols: number }>
  special: {
    normalCdf: [number, number][]
    logNormalCdf: [number, number][]
    chiSquareSf: [number, number, number][]
    kolmogorovSmirnovSf: [number, number, number][]
  }
  cases: ExpectedCase[]
}

export const fixture: Fixture = JSON.parse(readFileSync(join(DIRECTORY, 'expected.json'), 'utf8'))

const bytes = readFileSync(join(DIRECTORY, 'inputs.f32'))
const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))

/** The first `rows` rows and `cols` columns of a stored matrix, row-major, still float32. */
export function inputMatrix(name: string, rows: number, cols: number): Float32Array {
  const { offset, rows: storedRows, cols: storedCols } = fixture.layout[name]
  if (rows > storedRows || cols > storedCols) throw new Error(`${name} holds ${storedRows} × ${storedCols}`)
  const out = new Float32Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = values[offset + i * storedCols + j]
  return out
}

/** Statistics: 1e-6 relative (plus 1e-12 absolute so exact zeros compare). */
export function expectStatistic(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-12)
}

/** p-values: 1e-4 absolute. */
export function expectPValue(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-4)
}

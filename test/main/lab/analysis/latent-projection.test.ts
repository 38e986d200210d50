import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { principalComponents, projectOntoComponents, selectColumns } from '../../../../src/main/lab/analysis/latent-projection'
import { symmetricEigen } from '../../../../src/main/lab/analysis/symmetric-eigen'

interface PcaFixture {
  n: number
  d: number
  keep: number
  data: number[]
  mean: number[]
  components: number[][]
  explainedVariance: number[]
  explainedVarianceRatio: number[]
  projection: number[]
}

// Made by test/fixtures/pca/make-fixture.py (numpy SVD of the centred matrix).
const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../../fixtures/pca/pca-40x5.json'), 'utf8')) as PcaFixture

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `entry ${i}: ${v} vs ${expected[i]}`).toBeLessThan(tolerance))
}

describe('principalComponents', () => {
  it("matches numpy's SVD on a fixed 40 × 5 matrix, component signs included", () => {
    const pca = principalComponents(fixture.data, fixture.n, fixture.d, fixture.keep)
    expectClose(pca.mean, fixture.mean, 1e-12)
    expectClose(pca.explainedVariance, fixture.explainedVariance, 1e-10)
    expectClose(pca.explainedVarianceRatio, fixture.explainedVarianceRatio, 1e-12)
    pca.components.forEach((c, i) => expectClose(c, fixture.components[i], 1e-9))
    expectClose(Array.from(projectOntoComponents(fixture.data, fixture.n, fixture.d, pca)), fixture.projection, 1e-5)
  })

  it('gives the same components for the same codes, whatever order the rows come in', () => {
    const rows = Array.from({ length: fixture.n }, (_, i) => fixture.data.slice(i * fixture.d, (i + 1) * fixture.d))
    const reversed = rows.reverse().flat()
    const a = principalComponents(fixture.data, fixture.n, fixture.d, 3)
    const b = principalComponents(reversed, fixture.n, fixture.d, 3)
    a.components.forEach((c, i) => expectClose(c, b.components[i], 1e-9))
  })

  it('finds a planted direction and reports no variance across it', () => {
    // Points on the line t·(1, 2, 2)/3 in 4-D: one component carries everything.
    const n = 50
    const data = Array.from({ length: n }, (_, i) => {
      const t = i - 25
      return [t / 3, (2 * t) / 3, (2 * t) / 3, 0]
    }).flat()
    const pca = principalComponents(data, n, 4, 2)
    expectClose(pca.components[0], [1 / 3, 2 / 3, 2 / 3, 0], 1e-12)
    expectClose(pca.explainedVarianceRatio, [1, 0], 1e-12)
  })
})

describe('symmetricEigen', () => {
  it('returns eigenpairs with A·v = λ·v, descending, orthonormal', () => {
    const n = 6
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 3.1 + j * 1.7) + (i === j ? 3 : 0)
    const { values, vectors } = symmetricEigen(a, n)
    for (let r = 0; r < n; r++) {
      if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1])
      for (let i = 0; i < n; i++) {
        let av = 0
        for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[r * n + k]
        expect(Math.abs(av - values[r] * vectors[r * n + i])).toBeLessThan(1e-12)
      }
      for (let s = 0; s < n; s++) {
        let dot = 0
        for (let k = 0; k < n; k++) dot += vectors[r * n + k] * vectors[s * n + k]
        expect(Math.abs(dot - (r === s ? 1 : 0))).toBeLessThan(1e-12)
      }
    }
  })
})

describe('selectColumns', () => {
  it('keeps the chosen columns in the chosen order', () => {
    expect(Array.from(selectColumns([1, 2, 3, 4, 5, 6], 2, 3, [2, 0]))).toEqual([3, 1, 6, 4])
  })
})

import { describe, expect, it } from 'vitest'
import { alignRows, fitProcrustes, squareSvd, unalignRows } from '../../../../src/main/lab/analysis/procrustes'
import { SeededRandom } from '../../../../src/main/lab/common/seeded-random'

/** A random orthogonal d × d matrix: Gram–Schmidt on Gaussian rows, and one row negated for a reflection. */
function randomOrthogonal(dim: number, rng: SeededRandom, reflect: boolean): Float64Array {
  const q = new Float64Array(dim * dim)
  for (let r = 0; r < dim; r++) {
    const row = Float64Array.from({ length: dim }, () => rng.normal())
    for (let p = 0; p < r; p++) {
      let dot = 0
      for (let k = 0; k < dim; k++) dot += row[k] * q[p * dim + k]
      for (let k = 0; k < dim; k++) row[k] -= dot * q[p * dim + k]
    }
    const norm = Math.hypot(...row)
    for (let k = 0; k < dim; k++) q[r * dim + k] = ((reflect && r === 0 ? -1 : 1) * row[k]) / norm
  }
  return q
}

function multiply(a: ArrayLike<number>, rows: number, inner: number, b: ArrayLike<number>, cols: number): Float64Array {
  const out = new Float64Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < inner; k++) out[i * cols + j] += a[i * inner + k] * b[k * cols + j]
  return out
}

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])))

/** Codes with unequal spreads per axis (as a VAE's are), some axes nearly collapsed when asked. */
function codes(count: number, dim: number, rng: SeededRandom, collapsed = 0): Float64Array {
  return Float64Array.from({ length: count * dim }, (_, k) => {
    const d = k % dim
    return (d < dim - collapsed ? 1 + d * 0.5 : 0) * rng.normal() + 0.1 * d
  })
}

describe('the Jacobi SVD of a small square matrix', () => {
  it.each([1, 2, 3, 8, 32])('rebuilds a random %i × %i matrix from orthogonal U, V and s ≥ 0', (n) => {
    const rng = new SeededRandom(n)
    const m = Float64Array.from({ length: n * n }, () => rng.normal())
    const { u, s, v } = squareSvd(m, n)
    const us = Float64Array.from(u, (x, k) => x * s[k % n])
    const vt = Float64Array.from({ length: n * n }, (_, k) => v[(k % n) * n + Math.floor(k / n)])
    expect(maxAbsDifference(multiply(us, n, n, vt, n), m)).toBeLessThan(1e-12)
    const identity = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0))
    const ut = Float64Array.from({ length: n * n }, (_, k) => u[(k % n) * n + Math.floor(k / n)])
    expect(maxAbsDifference(multiply(ut, n, n, u, n), identity)).toBeLessThan(1e-12)
    expect(maxAbsDifference(multiply(vt, n, n, v, n), identity)).toBeLessThan(1e-12)
    expect(Math.min(...s)).toBeGreaterThanOrEqual(0)
  })

  it('completes U to an orthogonal matrix when the matrix is singular', () => {
    const { u, s } = squareSvd([1, 0, 0, 0, 0, 0, 0, 0, 0], 3)
    expect([...s].sort()).toEqual([0, 0, 1])
    const ut = Float64Array.from({ length: 9 }, (_, k) => u[(k % 3) * 3 + Math.floor(k / 3)])
    expect(maxAbsDifference(multiply(ut, 3, 3, u, 3), [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-12)
  })
})

describe('orthogonal Procrustes', () => {
  it.each([
    [3, false],
    [3, true],
    [8, false],
    [16, true],
  ])('recovers a known %i-D rotation (reflection: %s) and shift to 1e-6', (dim, reflect) => {
    const rng = new SeededRandom(100 + dim)
    const count = 500
    const target = codes(count, dim, rng)
    const q = randomOrthogonal(dim, rng, reflect)
    // source = target·Qᵀ + shift, so the fit source → target is R = Q with the shift undone.
    const qt = Float64Array.from({ length: dim * dim }, (_, k) => q[(k % dim) * dim + Math.floor(k / dim)])
    const source = Float64Array.from(multiply(target, count, dim, qt, dim), (v, k) => v + 2 - (k % dim))
    const fit = fitProcrustes(source, target, count, dim)
    expect(maxAbsDifference(fit.rotation, q)).toBeLessThan(1e-6)
    expect(fit.rmsAfter).toBeLessThan(1e-6)
    expect(fit.relativeResidual).toBeLessThan(1e-6)
    expect(fit.rmsBefore).toBeGreaterThan(0.5)
    expect(maxAbsDifference(alignRows(fit, source, count), target)).toBeLessThan(1e-5)
    expect(maxAbsDifference(unalignRows(fit, target, count), source)).toBeLessThan(1e-5)
  })

  it('still recovers the rotation of the live axes when some units collapsed', () => {
    const rng = new SeededRandom(7)
    const dim = 6
    const count = 300
    const target = codes(count, dim, rng, 2)
    const q = randomOrthogonal(dim, rng, false)
    const qt = Float64Array.from({ length: dim * dim }, (_, k) => q[(k % dim) * dim + Math.floor(k / dim)])
    const source = multiply(target, count, dim, qt, dim)
    const fit = fitProcrustes(source, target, count, dim)
    expect(fit.rmsAfter).toBeLessThan(1e-6)
    const rt = Float64Array.from({ length: dim * dim }, (_, k) => fit.rotation[(k % dim) * dim + Math.floor(k / dim)])
    expect(maxAbsDifference(multiply(rt, dim, dim, fit.rotation, dim), Float64Array.from({ length: dim * dim }, (_, k) => (k % (dim + 1) === 0 ? 1 : 0)))).toBeLessThan(1e-9)
  })

  it('never does worse than leaving the axes as they are, and leaves noise as residual', () => {
    const rng = new SeededRandom(11)
    const count = 400
    const dim = 4
    const a = codes(count, dim, rng)
    const b = Float64Array.from(a, (v) => v + 0.3 * rng.normal())
    const fit = fitProcrustes(b, a, count, dim)
    expect(fit.rmsAfter).toBeLessThanOrEqual(fit.rmsBefore)
    expect(fit.rmsAfter).toBeGreaterThan(0.2)
    expect(fit.relativeResidual).toBeGreaterThan(0)
  })

  it('refuses rows that do not match the shape', () => {
    expect(() => fitProcrustes([1, 2, 3], [1, 2], 1, 3)).toThrow('1 × 3 rows got 3 and 2 values')
  })
})

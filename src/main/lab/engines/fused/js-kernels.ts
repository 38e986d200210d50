/**
 * The dense kernels of the TypeScript fused core (js-core.ts) on flat Float32 arrays with
 * explicit offsets and leading dimensions, so no call allocates or copies.
 */

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** Each of `rows` rows of m (width cols) set to src[at .. at + cols). */
export function fillRows(m: Float32Array, rows: number, cols: number, src: Float32Array, at: number): void {
  const bias = src.subarray(at, at + cols)
  for (let i = 0; i < rows; i++) m.set(bias, i * cols)
}

/** out[at + j] += Σ_i m[i·cols + j]. */
export function addColumnSums(m: Float32Array, rows: number, cols: number, out: Float32Array, at: number): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[at + j] += m[i * cols + j]
}

/**
 * C[M,N] (+)= A·B with A(i, k) = A[a + i·ars + k·acs] (row-major A or, with ars = 1, a transposed
 * one) and B row-major at b with leading dimension ldb; accumulates unless accumulate is false.
 * Four rows of C at a time, so each B element loaded serves four multiply-adds (about twice the
 * speed of one row at a time in V8).
 */
export function gemm(M: number, N: number, K: number, A: Float32Array, a: number, ars: number, acs: number, B: Float32Array, b: number,
  ldb: number, C: Float32Array, c: number, ldc: number, accumulate = true): void {
  if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, c + i * ldc, c + i * ldc + N)
  let i = 0
  for (; i + 4 <= M; i += 4) {
    const c0 = c + i * ldc
    const c1 = c0 + ldc
    const c2 = c1 + ldc
    const c3 = c2 + ldc
    for (let k = 0; k < K; k++) {
      const ak = a + i * ars + k * acs
      const a0 = A[ak]
      const a1 = A[ak + ars]
      const a2 = A[ak + 2 * ars]
      const a3 = A[ak + 3 * ars]
      const bk = b + k * ldb
      for (let j = 0; j < N; j++) {
        const bv = B[bk + j]
        C[c0 + j] += a0 * bv
        C[c1 + j] += a1 * bv
        C[c2 + j] += a2 * bv
        C[c3 + j] += a3 * bv
      }
    }
  }
  for (; i < M; i++) {
    const ci = c + i * ldc
    for (let k = 0; k < K; k++) {
      const aik = A[a + i * ars + k * acs]
      const bk = b + k * ldb
      for (let j = 0; j < N; j++) C[ci + j] += aik * B[bk + j]
    }
  }
}

/**
 * C[M,N] (+)= A·Wᵀ for row-major A [M,K] at a (lda) and W [N,K] at w (ldw): dot products along K,
 * four columns at a time so the four sums proceed independently.
 */
export function gemmTransposedB(M: number, N: number, K: number, A: Float32Array, a: number, lda: number, W: Float32Array, w: number,
  ldw: number, C: Float32Array, c: number, ldc: number, accumulate: boolean): void {
  for (let i = 0; i < M; i++) {
    const ai = a + i * lda
    const ci = c + i * ldc
    let j = 0
    for (; j + 4 <= N; j += 4) {
      const w0 = w + j * ldw
      const w1 = w0 + ldw
      const w2 = w1 + ldw
      const w3 = w2 + ldw
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let k = 0; k < K; k++) {
        const av = A[ai + k]
        s0 += av * W[w0 + k]
        s1 += av * W[w1 + k]
        s2 += av * W[w2 + k]
        s3 += av * W[w3 + k]
      }
      C[ci + j] = accumulate ? C[ci + j] + s0 : s0
      C[ci + j + 1] = accumulate ? C[ci + j + 1] + s1 : s1
      C[ci + j + 2] = accumulate ? C[ci + j + 2] + s2 : s2
      C[ci + j + 3] = accumulate ? C[ci + j + 3] + s3 : s3
    }
    for (; j < N; j++) {
      const wj = w + j * ldw
      let s = 0
      for (let k = 0; k < K; k++) s += A[ai + k] * W[wj + k]
      C[ci + j] = accumulate ? C[ci + j] + s : s
    }
  }
}

// Small dense matrix products for the RNN: C[M,N] (+)= A·B, with A read through strides (so one
// kernel covers A·B and Aᵀ·B, the weight gradients Σ_rows xᵀ·δ) and B cut into column panels 16
// (or, for the last one, 8) floats wide, stored contiguously [K][width] and zero-padded. Packing
// matters: a row-major weight with 1024 columns has a 4 KiB row stride, and a column strip of it
// would fall into one L1 set and be evicted before the next row block could reuse it.
//
// Weights are packed once per update (PackedMatrix); activations are packed on the fly, a K-block
// at a time, into a small scratch panel. A register tile of kTileRows × width accumulates over a
// K-block, so C is touched once per tile and K-block.
//
// Included only from model_impl.h, inside the per-ISA namespace (see vec_math.h).
#pragma once

#include "vec_math.h"

constexpr int kPanelWidth = 16;
/** K-block: a 256 × 16 panel is 16 KiB, half of L1. */
constexpr int kBlockK = 256;
#if defined(__AVX__) || defined(__aarch64__)
/** 6 rows × 16 columns: 12 accumulators, which fit in 16 ymm (or 32 NEON) registers with room to load. */
constexpr int kTileRows = 6;
#else
/** SSE holds an 8-lane vector in two of its 16 xmm registers: fewer rows, or the tile spills. */
constexpr int kTileRows = 4;
#endif

struct MatA {
  const float* p;
  long rowStride;
  long colStride;
  float at(long i, long k) const { return p[i * rowStride + k * colStride]; }
};
static inline MatA rowMajor(const float* p, long ld) { return MatA{p, ld, 1}; }
/** Aᵀ where A is row-major with leading dimension ld (element (i, k) of Aᵀ is p[k·ld + i]). */
static inline MatA transposed(const float* p, long ld) { return MatA{p, 1, ld}; }

static inline int panelCount(int n) { return (n + kPanelWidth - 1) / kPanelWidth; }
/** Width of panel `panel` of an n-column matrix: 16, or 8 for a last panel with ≤ 8 columns. */
static inline int panelWidth(int n, int panel) { return n - panel * kPanelWidth <= 8 ? 8 : kPanelWidth; }
/** Floats a packed [k, n] matrix takes. */
static inline long packedSize(int k, int n) { return (long)panelCount(n) * kPanelWidth * k; }

/** Copies columns [j0, j0 + valid) of rows [k0, k0 + kc) of B into dst [kc][width], zero-padded. */
static void packPanel(const float* B, long ldb, int k0, int kc, int j0, int valid, int width, float* dst) {
  for (int k = 0; k < kc; ++k) {
    const float* src = B + (long)(k0 + k) * ldb + j0;
    float* d = dst + (long)k * width;
    for (int j = 0; j < valid; ++j) d[j] = src[j];
    for (int j = valid; j < width; ++j) d[j] = 0.0f;
  }
}

/** A [k, n] row-major matrix stored as column panels, for repeated use as the right operand. */
static void packMatrix(const float* B, int k, int n, float* dst) {
  for (int p = 0; p < panelCount(n); ++p) {
    const int j0 = p * kPanelWidth, valid = n - j0 < kPanelWidth ? n - j0 : kPanelWidth;
    packPanel(B, n, 0, k, j0, valid, panelWidth(n, p), dst + (long)p * kPanelWidth * k);
  }
}

template <int MR, int NV>
static inline void gemmTile(int kc, MatA a, const float* panel, float* C, long ldc, int valid, bool accumulate) {
  constexpr int W = NV * 8;
  v8f c[MR][NV];
  if (valid == W) {
    for (int i = 0; i < MR; ++i)
      for (int v = 0; v < NV; ++v) c[i][v] = accumulate ? load(Lane8{}, C + i * ldc + v * 8) : v8f{};
  } else {
    float tmp[W];
    for (int i = 0; i < MR; ++i) {
      for (int j = 0; j < W; ++j) tmp[j] = accumulate && j < valid ? C[i * ldc + j] : 0.0f;
      for (int v = 0; v < NV; ++v) c[i][v] = load(Lane8{}, tmp + v * 8);
    }
  }
  const float* ap = a.p;
  for (int k = 0; k < kc; ++k) {
    v8f b[NV];
    for (int v = 0; v < NV; ++v) b[v] = load(Lane8{}, panel + k * W + v * 8);
    for (int i = 0; i < MR; ++i) {
      const v8f s = splat8(ap[i * a.rowStride]);
      for (int v = 0; v < NV; ++v) c[i][v] += s * b[v];
    }
    ap += a.colStride;
  }
  if (valid == W) {
    for (int i = 0; i < MR; ++i)
      for (int v = 0; v < NV; ++v) store(Lane8{}, C + i * ldc + v * 8, c[i][v]);
  } else {
    float tmp[W];
    for (int i = 0; i < MR; ++i) {
      for (int v = 0; v < NV; ++v) store(Lane8{}, tmp + v * 8, c[i][v]);
      for (int j = 0; j < valid; ++j) C[i * ldc + j] = tmp[j];
    }
  }
}

/** All row blocks of C[:, j0 : j0 + valid) against one packed K-block panel. */
template <int NV>
static void gemmPanelRows(int M, int kc, MatA a, const float* panel, float* C, long ldc, int valid, bool acc) {
  int i = 0;
  for (; i + kTileRows <= M; i += kTileRows)
    gemmTile<kTileRows, NV>(kc, MatA{a.p + i * a.rowStride, a.rowStride, a.colStride}, panel, C + i * ldc, ldc, valid, acc);
  const MatA rest{a.p + i * a.rowStride, a.rowStride, a.colStride};
  switch (M - i) {
    case 5: gemmTile<5, NV>(kc, rest, panel, C + i * ldc, ldc, valid, acc); break;
    case 4: gemmTile<4, NV>(kc, rest, panel, C + i * ldc, ldc, valid, acc); break;
    case 3: gemmTile<3, NV>(kc, rest, panel, C + i * ldc, ldc, valid, acc); break;
    case 2: gemmTile<2, NV>(kc, rest, panel, C + i * ldc, ldc, valid, acc); break;
    case 1: gemmTile<1, NV>(kc, rest, panel, C + i * ldc, ldc, valid, acc); break;
    default: break;
  }
}

/**
 * C[M,N] = A·B (or += with accumulate). panelAt(p, k0, kc) returns panel p's rows [k0, k0 + kc)
 * as a contiguous [kc][width] block.
 */
template <class PanelAt>
static void gemmPanels(int M, int N, int K, MatA a, PanelAt&& panelAt, float* C, long ldc, bool accumulate) {
  if (K == 0) {
    if (!accumulate)
      for (int i = 0; i < M; ++i)
        for (int j = 0; j < N; ++j) C[(long)i * ldc + j] = 0.0f;
    return;
  }
  for (int p = 0; p < panelCount(N); ++p) {
    const int j0 = p * kPanelWidth, valid = N - j0 < kPanelWidth ? N - j0 : kPanelWidth;
    for (int k0 = 0; k0 < K; k0 += kBlockK) {
      const int kc = K - k0 < kBlockK ? K - k0 : kBlockK;
      const float* panel = panelAt(p, k0, kc);
      const MatA ak{a.p + k0 * a.colStride, a.rowStride, a.colStride};
      const bool acc = accumulate || k0 > 0;
      if (panelWidth(N, p) == 8) {
        gemmPanelRows<1>(M, kc, ak, panel, C + j0, ldc, valid, acc);
      } else {
        gemmPanelRows<2>(M, kc, ak, panel, C + j0, ldc, valid, acc);
      }
    }
  }
}

/** C = A·B (+C) with B a matrix packed by packMatrix (K rows, N columns). */
static void gemmPacked(int M, int N, int K, MatA a, const float* packedB, float* C, long ldc, bool accumulate) {
  gemmPanels(M, N, K, a, [&](int p, int k0, int) { return packedB + (long)p * kPanelWidth * K + (long)k0 * panelWidth(N, p); },
             C, ldc, accumulate);
}

/** C = A·B (+C) with B row-major [K, N]; scratch holds kBlockK × kPanelWidth floats. */
static void gemm(int M, int N, int K, MatA a, const float* B, long ldb, float* C, long ldc, bool accumulate, float* scratch) {
  gemmPanels(M, N, K, a,
             [&](int p, int k0, int kc) {
               const int j0 = p * kPanelWidth, valid = N - j0 < kPanelWidth ? N - j0 : kPanelWidth;
               packPanel(B, ldb, k0, kc, j0, valid, panelWidth(N, p), scratch);
               return (const float*)scratch;
             },
             C, ldc, accumulate);
}

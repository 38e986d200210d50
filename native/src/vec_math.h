// Float math written once for two lane types: `float` (one lane) and `v8f` (eight lanes, GCC/Clang
// vector extensions, which become AVX2 instructions in the AVX2 build and SSE pairs or NEON
// otherwise). Every elementwise kernel is a template over the lane type, so the tail of a row that
// is not a multiple of eight runs the same formulas as the body and gives the same results.
//
// Included only from model_impl.h, inside the per-ISA namespace; it uses no standard-library
// templates, so nothing compiled here with AVX2 can be merged by the linker into generic code.
#pragma once

typedef float v8f __attribute__((vector_size(32)));
typedef int v8i __attribute__((vector_size(32)));

struct Lane1 {
  typedef float T;
  static constexpr int width = 1;
};
struct Lane8 {
  typedef v8f T;
  static constexpr int width = 8;
};

static inline float load(Lane1, const float* p) { return *p; }
static inline void store(Lane1, float* p, float v) { *p = v; }
static inline v8f load(Lane8, const float* p) {
  v8f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline void store(Lane8, float* p, v8f v) { __builtin_memcpy(p, &v, sizeof v); }
static inline v8f splat8(float s) { return (v8f){s, s, s, s, s, s, s, s}; }

static inline float bits_to_float(int i) {
  float f;
  __builtin_memcpy(&f, &i, sizeof f);
  return f;
}
static inline int float_to_bits(float f) {
  int i;
  __builtin_memcpy(&i, &f, sizeof i);
  return i;
}
/** 2^n for a float holding an integer n in [-126, 127]. */
static inline float pow2n(float n) { return bits_to_float(((int)n + 127) << 23); }
static inline v8f pow2n(v8f n) { return (v8f)((__builtin_convertvector(n, v8i) + 127) << 23); }
static inline float fabs_(float x) { return bits_to_float(float_to_bits(x) & 0x7fffffff); }
static inline v8f fabs_(v8f x) { return (v8f)((v8i)x & 0x7fffffff); }
/** The sign bit of `s` put on the non-negative `x`. */
static inline float with_sign(float x, float s) { return bits_to_float(float_to_bits(x) | (float_to_bits(s) & (int)0x80000000)); }
static inline v8f with_sign(v8f x, v8f s) { return (v8f)((v8i)x | ((v8i)s & (int)0x80000000)); }

template <class T> static inline T vmax(T a, T b) { return a > b ? a : b; }
template <class T> static inline T vmin(T a, T b) { return a < b ? a : b; }

/**
 * exp(x), Cephes expf polynomial (≈1 ulp). The input is clamped to [-87.3, 88] so the result is
 * always a normal float: no infinities, no denormals (which would slow every later multiply).
 */
template <class T> static inline T vexp(T x) {
  x = vmin(vmax(x, T{} + -87.3f), T{} + 88.0f);
  // Round x·log2(e) to the nearest integer with the 1.5·2^23 trick (valid for |value| < 2^22).
  T n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  x = x - n * 0.693359375f - n * -2.12194440e-4f;
  T z = x * x;
  T y = ((((1.9875691500e-4f * x + 1.3981999507e-3f) * x + 8.3334519073e-3f) * x + 4.1665795894e-2f) * x +
         1.6666665459e-1f) * x + 5.0000001201e-1f;
  y = y * z + x + 1.0f;
  return y * pow2n(n);
}

template <class T> static inline T vsigmoid(T x) { return 1.0f / (1.0f + vexp(-x)); }

/** tanh(x): Cephes tanhf (odd polynomial for |x| < 0.625, else 1 − 2/(e^{2|x|} + 1)). */
template <class T> static inline T vtanh(T x) {
  T ax = fabs_(x);
  T z = x * x;
  T small = ((((-5.70498872745e-3f * z + 2.06390887954e-2f) * z - 5.37397155531e-2f) * z + 1.33314422036e-1f) * z -
             3.33332819422e-1f) * z * x + x;
  T large = with_sign(1.0f - 2.0f / (vexp(2.0f * ax) + 1.0f), x);
  return ax < 0.625f ? small : large;
}

/** log(1 + e) for e in [0, 1] (the softplus tail of the BCE): Cephes logf on [√½, √2) after halving. */
template <class T> static inline T vlog1p_unit(T e) {
  T m = 1.0f + e;
  auto big = m > 1.41421356237f;
  m = big ? m * 0.5f : m;
  T k = big ? T{} + 1.0f : T{};
  T x = m - 1.0f;
  T z = x * x;
  T y = ((((((((7.0376836292e-2f * x - 1.1514610310e-1f) * x + 1.1676998740e-1f) * x - 1.2420140846e-1f) * x +
              1.4249322787e-1f) * x - 1.6668057665e-1f) * x + 2.0000714765e-1f) * x - 2.4999993993e-1f) * x +
         3.3333331174e-1f) * x * z;
  y = y - 0.5f * z;
  return x + y + k * 0.693147180559945f;
}

/** Runs f(lane, j) over j in [0, n): eight at a time, then one at a time for the tail. */
template <class F> static inline void for_lanes(int n, F&& f) {
  int j = 0;
  for (; j + 8 <= n; j += 8) f(Lane8{}, j);
  for (; j < n; ++j) f(Lane1{}, j);
}

/** Sum of the eight lanes, in a fixed order. */
static inline float hsum(v8f v) {
  return ((v[0] + v[4]) + (v[1] + v[5])) + ((v[2] + v[6]) + (v[3] + v[7]));
}
static inline float hsum(float v) { return v; }

// The fused model's memory: aligned float buffers, weight matrices packed for the GEMM kernels (and
// their transposes for the backward pass), and the per-shard workspace of activations and
// gradients. Part of model_impl.h (compiled once per instruction set, inside its namespace).
#pragma once

static float* allocFloats(long count) {
  // 64-byte alignment keeps every buffer on its own cache lines (no false sharing between shards).
  long bytes = ((count * (long)sizeof(float) + 63) / 64) * 64;
  void* p = aligned_alloc(64, bytes);
  if (!p) throw std::bad_alloc();
  __builtin_memset(p, 0, bytes);
  return (float*)p;
}

static void transposeInto(const float* src, int rows, int cols, float* dst) {
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) dst[(long)j * rows + i] = src[(long)i * cols + j];
}

/** One weight matrix [rows, cols] packed for W (forward) and for Wᵀ (backward) products. */
struct PackedWeight {
  const float* source = nullptr;
  int rows = 0, cols = 0;
  float* forward = nullptr;
  float* backward = nullptr;

  void init(const float* w, int r, int c, bool withTranspose) {
    source = w;
    rows = r;
    cols = c;
    forward = allocFloats(packedSize(r, c));
    if (withTranspose) backward = allocFloats(packedSize(c, r));
  }
  long size() const { return (long)rows * cols; }
  /** Repacks from source (nothing for a weight this model does not have); scratch holds size() floats. */
  void refresh(float* scratch) {
    if (!source) return;
    packMatrix(source, rows, cols, forward);
    if (!backward) return;
    transposeInto(source, rows, cols, scratch);
    packMatrix(scratch, cols, rows, backward);
  }
  ~PackedWeight() {
    __builtin_free(forward);
    __builtin_free(backward);
  }
};

/** out[j] += Σ_i m[i·cols + j] over `rows` rows. */
static void addColumnSums(const float* m, long rows, int cols, float* out) {
  for_lanes(cols, [&](auto lane, int j) {
    auto acc = load(lane, out + j);
    for (long i = 0; i < rows; ++i) acc += load(lane, m + i * cols + j);
    store(lane, out + j, acc);
  });
}

/** Each of `rows` rows of m (width cols) set to bias. */
static void fillRows(float* m, long rows, int cols, const float* bias) {
  for (long i = 0; i < rows; ++i) __builtin_memcpy(m + i * cols, bias, sizeof(float) * cols);
}

/** One encoder direction's time-major input, input projections, states and activations. */
struct EncoderBuffers {
  float *xs, *xg, *h, *c, *act, *q;
};

/** Activations and gradients of one shard, for up to `capacity` rows. */
struct Workspace {
  int capacity = 0;
  float* block = nullptr;
  /** enc[0].xs is the chunk in reading order: the forward input and the reconstruction targets. */
  EncoderBuffers enc[kMaxDirections];
  float* rg;
  float *mu, *logVar, *z, *decXG, *decH, *decC, *decAct, *decQ, *logits;
  float *dLogits, *dDecH, *dh, *dc, *dRG, *dXG, *dDecIn, *dz, *dMu, *dLogVar;
  /** Panel for packing an activation matrix that is the right operand of a product. */
  float* panel;

  void ensure(const FusedDims& d, int rows) {
    if (rows <= capacity) return;
    __builtin_free(block);
    block = nullptr;
    capacity = 0;
    const long R = rows, T = d.steps, F = d.features, H = d.hidden, D = d.latent;
    const bool lstm = d.cell == kFusedLstm;
    const long G = (lstm ? 4 : 3) * H;
    const long states = (T + 1) * R * H, cellStates = lstm ? states : 0;
    // The backward direction's buffers are empty (size 0) unless the encoder is bidirectional.
    const long bi = d.bidirectional ? 1 : 0;
    struct Slot {
      float** buffer;
      long floats;
    };
    const Slot slots[] = {
        {&enc[0].xs, T * R * F},           {&enc[0].xg, T * R * G},     {&enc[0].h, states},
        {&enc[0].c, cellStates},           {&enc[0].act, T * R * G},    {&enc[0].q, T * R * H},
        {&enc[1].xs, bi * T * R * F},      {&enc[1].xg, bi * T * R * G}, {&enc[1].h, bi * states},
        {&enc[1].c, bi * cellStates},      {&enc[1].act, bi * T * R * G}, {&enc[1].q, bi * T * R * H},
        {&rg, R * G},          {&mu, R * D},        {&logVar, R * D},     {&z, R * D},
        {&decXG, R * G},       {&decH, states},       {&decC, cellStates}, {&decAct, T * R * G}, {&decQ, T * R * H},
        {&logits, T * R * F},  {&dLogits, T * R * F}, {&dDecH, T * R * H}, {&dh, R * H},         {&dc, R * H},
        {&dRG, T * R * G},     {&dXG, lstm ? 0 : T * R * G},               {&dDecIn, R * G},     {&dz, R * D},
        {&dMu, R * D},         {&dLogVar, R * D},     {&panel, kBlockK * kPanelWidth}};
    // One allocation, each buffer starting on its own cache line.
    long total = 0;
    for (const Slot& slot : slots) total += (slot.floats + 15) / 16 * 16;
    block = allocFloats(total);
    long at = 0;
    for (const Slot& slot : slots) {
      *slot.buffer = block + at;
      at += (slot.floats + 15) / 16 * 16;
    }
    capacity = rows;
  }
  ~Workspace() { __builtin_free(block); }
};

/**
 * Packed copies of every weight matrix, and of the transposes the backward pass uses (δ·Wᵀ). Per
 * encoder direction k: its kernels, and the [H, D] row block k of the z_mean / z_log_var kernels
 * that its final state meets. A one-way encoder leaves the k = 1 entries empty.
 */
struct PackedWeights {
  PackedWeight encW[kMaxDirections], encU[kMaxDirections], zmW[kMaxDirections], zvW[kMaxDirections], decW, decU, outW;
  static constexpr int kCount = 4 * kMaxDirections + 3;
  PackedWeight* at(int i) {
    PackedWeight* all[kCount] = {&encW[0], &encW[1], &encU[0], &encU[1], &zmW[0], &zmW[1], &zvW[0], &zvW[1], &decW, &decU, &outW};
    return all[i];
  }
};

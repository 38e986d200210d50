// The fused sequence VAE: whole-sequence forward and hand-derived backward of the encoder RNN
// (one-way, or bidirectional: a second RNN over the time-reversed input), the reparameterised
// latent, the decoder RNN over RepeatVector(z) and the output layer (Bernoulli: sigmoid + BCE;
// Gaussian: linear + squared error), plus Adam. The math is the one documented in src/main/lab/train/training-engine.ts.
//
// This file is compiled once per instruction set (model_avx2.cc, model_generic.cc), each time
// inside its own namespace and with FUSED_ISA_NAME naming the build. It must not instantiate
// standard-library templates (the linker would be free to keep an AVX2 copy of one for the generic
// build), so it uses raw buffers and its own loops.
//
// Data parallelism: a batch is always cut into kShards contiguous halves; each shard computes its
// gradient into its own buffer, and the halves are added in shard order before Adam. With two
// threads each takes a shard, with one thread the same shards run one after the other, so the
// result never depends on thread count or timing.
//
// Layouts inside a shard of R rows: sequences are stored time-major, row (t·R + b) for step t of
// sample b, so every step of the recurrence reads and writes one contiguous [R, ·] block and the
// products that span all steps (input projections, output layer, weight gradients) are single
// matrix products over T·R rows.
#pragma once

#include "gemm.h"
#include "thread_team.h"
#include "vec_math.h"

constexpr int kShards = 2;
/** Below this many parameters Adam runs on the calling thread: waking a worker would cost more. */
constexpr long kParallelAdamMin = 1 << 16;
/** Adam as tfjs has it (training-engine.ts). */
constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kAdamEpsilon = 1e-7;
/** Rows processed at once per shard; longer shards run in chunks (gradients add up across them). */
constexpr int kMaxChunkRows = 64;

/** Where one recurrent layer's kernel, recurrent kernel and bias start in the flat vector. */
struct RecurrentOffsets {
  long W, U, B;
};

/** The encoder has at most two directions: forward, then backward when bidirectional. */
constexpr int kMaxDirections = 2;

struct Layout {
  RecurrentOffsets enc[kMaxDirections];
  long zmW, zmB, zvW, zvB, decW, decU, decB, outW, outB, total;
};

static int directionsOf(const FusedDims& d) { return d.bidirectional ? 2 : 1; }

static Layout makeLayout(const FusedDims& d) {
  const long H = d.hidden, D = d.latent, F = d.features;
  const long G = (d.cell == kFusedGru ? 3 : 4) * H;
  const long bias = d.cell == kFusedGru ? 2 * G : G;
  Layout l;
  long at = 0;
  auto take = [&at](long size) {
    long here = at;
    at += size;
    return here;
  };
  l.enc[1] = RecurrentOffsets{-1, -1, -1};
  for (int k = 0; k < directionsOf(d); ++k) {
    l.enc[k].W = take(F * G);
    l.enc[k].U = take(H * G);
    l.enc[k].B = take(bias);
  }
  // z_mean / z_log_var kernels are [directions·H, D]: one [H, D] row block per direction.
  l.zmW = take(directionsOf(d) * H * D);
  l.zmB = take(D);
  l.zvW = take(directionsOf(d) * H * D);
  l.zvB = take(D);
  l.decW = take(D * G);
  l.decU = take(H * G);
  l.decB = take(bias);
  l.outW = take(H * F);
  l.outB = take(F);
  l.total = at;
  return l;
}

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

class Model final : public FusedModel {
 public:
  Model(const FusedDims& dims, int threads)
      : d_(dims),
        H_(dims.hidden),
        G_((dims.cell == kFusedGru ? 3 : 4) * dims.hidden),
        directions_(directionsOf(dims)),
        layout_(makeLayout(dims)) {
    params_ = allocFloats(layout_.total);
    m_ = allocFloats(layout_.total);
    v_ = allocFloats(layout_.total);
    for (int s = 0; s < kShards; ++s) grads_[s] = allocFloats(layout_.total);
    const int H = H_, G = G_, D = d_.latent, F = d_.features;
    for (int k = 0; k < directions_; ++k) {
      w_.encW[k].init(params_ + layout_.enc[k].W, F, G, false);
      w_.encU[k].init(params_ + layout_.enc[k].U, H, G, true);
      w_.zmW[k].init(params_ + layout_.zmW + (long)k * H * D, H, D, true);
      w_.zvW[k].init(params_ + layout_.zvW + (long)k * H * D, H, D, true);
    }
    w_.decW.init(params_ + layout_.decW, D, G, true);
    w_.decU.init(params_ + layout_.decU, H, G, true);
    w_.outW.init(params_ + layout_.outW, H, F, true);
    long largest = 0;
    for (int i = 0; i < PackedWeights::kCount; ++i) largest = w_.at(i)->size() > largest ? w_.at(i)->size() : largest;
    transposeScratch_ = allocFloats(largest);
    // Last, so that a failed allocation above leaves no worker thread behind.
    team_ = ThreadTeam::create(threads < kShards ? threads : kShards);
  }

  ~Model() override {
    float* owned[] = {params_, m_, v_, grads_[0], grads_[1], transposeScratch_};
    for (float* p : owned) __builtin_free(p);
    delete team_;
  }

  const FusedDims& dims() const override { return d_; }
  long paramCount() const override { return layout_.total; }
  float* params() override { return params_; }
  float* adamM() override { return m_; }
  float* adamV() override { return v_; }
  long adamStep() const override { return step_; }
  void setAdamStep(long step) override { step_ = step; }
  void paramsChanged() override { packedStale_ = true; }
  int threads() const override { return team_->size(); }
  const char* instructionSet() const override { return FUSED_ISA_NAME; }

  void trainStep(const float* x, const float* eps, int n, float klWeight, float lr, FusedLosses* out) override {
    computeGradients(x, eps, n, klWeight, out);
    ++step_;
    // Adam's bias corrections in double, once per step. The update is elementwise, so any split of
    // the parameters between threads gives the same result; small models skip the thread hand-off.
    adam_.lr = lr;
    adam_.correction1 = (float)(1.0 - __builtin_pow(kBeta1, (double)step_));
    adam_.correction2 = (float)(1.0 - __builtin_pow(kBeta2, (double)step_));
    if (layout_.total < kParallelAdamMin) {
      adamUpdate(0, layout_.total);
    } else {
      team_->run(&Model::adamTask, this);
    }
    packedStale_ = true;
  }

  void gradients(const float* x, const float* eps, int n, float klWeight, float* grad, FusedLosses* out) override {
    computeGradients(x, eps, n, klWeight, out);
    for (long i = 0; i < layout_.total; ++i) grad[i] = grads_[0][i] + grads_[1][i];
  }

  void evaluate(const float* x, const float* eps, int n, float klWeight, FusedLosses* out) override {
    runShards(Job{Job::kEvaluate, x, eps, nullptr, nullptr, nullptr, n, klWeight}, out);
  }

  void encode(const float* x, int n, float* zMean, float* zLogVar) override {
    runShards(Job{Job::kEncode, x, nullptr, zMean, zLogVar, nullptr, n, 0}, nullptr);
  }

  void decode(const float* z, int n, float* probabilities) override {
    runShards(Job{Job::kDecode, nullptr, nullptr, nullptr, nullptr, z, n, 0}, nullptr, probabilities);
  }

 private:
  struct Job {
    enum Kind { kGradient, kEvaluate, kEncode, kDecode } kind;
    const float* x;
    const float* eps;
    float* zMean;
    float* zLogVar;
    const float* z;
    int n;
    float klWeight;
  };

  struct Adam {
    float lr, correction1, correction2;
  };

  void computeGradients(const float* x, const float* eps, int n, float klWeight, FusedLosses* out) {
    runShards(Job{Job::kGradient, x, eps, nullptr, nullptr, nullptr, n, klWeight}, out);
  }

  /** Rows [first, first + count) of shard s. */
  static void shardRows(int n, int s, int* first, int* count) {
    int half = (n + 1) / 2;
    *first = s == 0 ? 0 : half;
    *count = s == 0 ? half : n - half;
  }

  void runShards(const Job& job, FusedLosses* out, float* probabilities = nullptr) {
    refreshPackedWeights();
    // Allocate here, on the calling thread: an allocation failure must surface as a C++ exception
    // the addon turns into a JS error, not as one escaping a worker thread.
    for (int s = 0; s < kShards; ++s) {
      int first, count;
      shardRows(job.n, s, &first, &count);
      if (count > 0) work_[s].ensure(d_, count < kMaxChunkRows ? count : kMaxChunkRows);
    }
    job_ = job;
    probabilities_ = probabilities;
    team_->run(&Model::shardTask, this);
    if (out) {
      // Shard partial sums added in shard order, then made batch means.
      double recon = shardRecon_[0] + shardRecon_[1], kl = shardKl_[0] + shardKl_[1];
      const double n = job.n > 0 ? job.n : 1;
      out->recon = recon / n;
      out->kl = kl / n;
      out->loss = (1.0 - job.klWeight) * out->recon + job.klWeight * out->kl;
    }
  }

  static void shardTask(void* self, int member) {
    Model* m = (Model*)self;
    for (int s = member; s < kShards; s += m->team_->size()) m->runShard(s);
  }

  static void adamTask(void* self, int member) {
    Model* m = (Model*)self;
    const long total = m->layout_.total, parts = m->team_->size();
    const long per = (total + parts - 1) / parts;
    long from = member * per, to = from + per < total ? from + per : total;
    m->adamUpdate(from, to);
  }

  void adamUpdate(long from, long to) {
    const float b1 = (float)kBeta1, b2 = (float)kBeta2, lr = adam_.lr, c1 = adam_.correction1, c2 = adam_.correction2;
    float *w = params_, *m = m_, *v = v_;
    const float *g0 = grads_[0], *g1 = grads_[1];
    for (long i = from; i < to; ++i) {
      float g = g0[i] + g1[i];
      float mi = b1 * m[i] + (1.0f - b1) * g;
      float vi = b2 * v[i] + (1.0f - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      w[i] -= lr * (mi / c1) / (__builtin_sqrtf(vi / c2) + (float)kAdamEpsilon);
    }
  }

  void refreshPackedWeights() {
    if (!packedStale_) return;
    for (int i = 0; i < PackedWeights::kCount; ++i) w_.at(i)->refresh(transposeScratch_);
    packedStale_ = false;
  }

  void runShard(int s) {
    const Job& job = job_;
    int first, count;
    shardRows(job.n, s, &first, &count);
    Workspace& w = work_[s];
    float* grad = grads_[s];
    if (job.kind == Job::kGradient) __builtin_memset(grad, 0, sizeof(float) * layout_.total);
    double recon = 0, kl = 0;
    const long T = d_.steps, F = d_.features, D = d_.latent;
    for (int done = 0; done < count; done += kMaxChunkRows) {
      const int rows = count - done < kMaxChunkRows ? count - done : kMaxChunkRows;
      const long row0 = first + done;
      switch (job.kind) {
        case Job::kGradient:
        case Job::kEvaluate: {
          encoderForward(w, job.x + row0 * T * F, rows);
          latentForward(w, job.eps + row0 * D, rows, &kl);
          decoderForward(w, w.z, rows);
          recon += outputLoss(w, rows, job.kind == Job::kGradient, job.klWeight, job.n);
          if (job.kind == Job::kGradient) backward(w, job.eps + row0 * D, rows, job.klWeight, job.n, grad);
          break;
        }
        case Job::kEncode:
          encoderForward(w, job.x + row0 * T * F, rows);
          latentForward(w, nullptr, rows, nullptr);
          __builtin_memcpy(job.zMean + row0 * D, w.mu, sizeof(float) * rows * D);
          __builtin_memcpy(job.zLogVar + row0 * D, w.logVar, sizeof(float) * rows * D);
          break;
        case Job::kDecode:
          decoderForward(w, job.z + row0 * D, rows);
          writeProbabilities(w, rows, probabilities_ + row0 * T * F);
          break;
      }
    }
    shardRecon_[s] = recon;
    shardKl_[s] = kl;
  }

  // ---- forward -------------------------------------------------------------------------------

  void encoderForward(Workspace& w, const float* x, int R) {
    const int T = d_.steps, F = d_.features, G = G_;
    // [R, T, F] sample-major → [T, R, F] time-major; the backward direction reads step T−1−t as t.
    for (int b = 0; b < R; ++b)
      for (int t = 0; t < T; ++t) {
        const float* step = x + ((long)b * T + t) * F;
        __builtin_memcpy(w.enc[0].xs + ((long)t * R + b) * F, step, sizeof(float) * F);
        if (directions_ > 1) __builtin_memcpy(w.enc[1].xs + ((long)(T - 1 - t) * R + b) * F, step, sizeof(float) * F);
      }
    for (int k = 0; k < directions_; ++k) {
      const EncoderBuffers& e = w.enc[k];
      const float* bias = params_ + layout_.enc[k].B;  // GRU: input-bias row; LSTM: the only bias
      fillRows(e.xg, (long)T * R, G, bias);
      gemmPacked(T * R, G, F, rowMajor(e.xs, F), w_.encW[k].forward, e.xg, G, true);
      rnnForward(w, e.xg, (long)R * G, w_.encU[k].forward, recurrentBias(layout_.enc[k].B), e.h, e.c, e.act, e.q, R);
    }
  }

  void latentForward(Workspace& w, const float* eps, int R, double* klSum) {
    const int H = H_, D = d_.latent, T = d_.steps;
    fillRows(w.mu, R, D, params_ + layout_.zmB);
    fillRows(w.logVar, R, D, params_ + layout_.zvB);
    // h = [h_T^forward, h_T^backward]: each direction's final state meets its row block.
    for (int k = 0; k < directions_; ++k) {
      const float* hT = w.enc[k].h + (long)T * R * H;
      gemmPacked(R, D, H, rowMajor(hT, H), w_.zmW[k].forward, w.mu, D, true);
      gemmPacked(R, D, H, rowMajor(hT, H), w_.zvW[k].forward, w.logVar, D, true);
    }
    if (!eps) return;
    double kl = 0;
    for (long i = 0; i < (long)R * D; ++i) {
      const float mu = w.mu[i], lv = w.logVar[i], e = vexp(lv);
      w.z[i] = mu + vexp(0.5f * lv) * eps[i];
      kl += -0.5 * (1.0 + lv - (double)mu * mu - e);
    }
    *klSum += kl;
  }

  void decoderForward(Workspace& w, const float* z, int R) {
    const int T = d_.steps, F = d_.features, H = H_, G = G_, D = d_.latent;
    fillRows(w.decXG, R, G, params_ + layout_.decB);
    gemmPacked(R, G, D, rowMajor(z, D), w_.decW.forward, w.decXG, G, true);
    // RepeatVector(z): every step sees the same input projection (stride 0 between steps).
    rnnForward(w, w.decXG, 0, w_.decU.forward, recurrentBias(layout_.decB), w.decH, w.decC, w.decAct, w.decQ, R);
    fillRows(w.logits, (long)T * R, F, params_ + layout_.outB);
    gemmPacked(T * R, F, H, rowMajor(w.decH + (long)R * H, H), w_.outW.forward, w.logits, F, true);
  }

  /** GRU's recurrent bias row (the second row of [2, G]); LSTM has none. */
  const float* recurrentBias(long biasOffset) const { return d_.cell == kFusedGru ? params_ + biasOffset + G_ : nullptr; }

  /**
   * Runs the cell over T steps from a zero state. xg holds input projections (with the input
   * bias), step t at xg + t·xgStepStride; brec is GRU's recurrent bias (null for LSTM). Stores
   * states hs[0..T] (and cs for LSTM), the gate activations act[t] and q[t] (GRU: the recurrent
   * candidate term rh; LSTM: tanh(c)).
   */
  void rnnForward(Workspace& w, const float* xg, long xgStepStride, const float* packedU, const float* brec, float* hs,
                  float* cs, float* act, float* q, int R) {
    const int T = d_.steps, H = H_, G = G_;
    const long RH = (long)R * H, RG = (long)R * G;
    __builtin_memset(hs, 0, sizeof(float) * RH);
    if (d_.cell == kFusedLstm) __builtin_memset(cs, 0, sizeof(float) * RH);
    for (int t = 0; t < T; ++t) {
      const float* hPrev = hs + t * RH;
      if (t == 0) {
        __builtin_memset(w.rg, 0, sizeof(float) * RG);
      } else {
        gemmPacked(R, G, H, rowMajor(hPrev, H), packedU, w.rg, G, false);
      }
      const float* xgt = xg + t * xgStepStride;
      float* at = act + t * RG;
      float* qt = q + t * RH;
      float* h = hs + (t + 1) * RH;
      for (int b = 0; b < R; ++b) {
        const float* xr = xgt + (long)b * G;
        const float* rr = w.rg + (long)b * G;
        float* ar = at + (long)b * G;
        const float* hp = hPrev + (long)b * H;
        float* hr = h + (long)b * H;
        float* qr = qt + (long)b * H;
        if (d_.cell == kFusedGru) {
          for_lanes(H, [&](auto L, int j) {
            auto z = vsigmoid(load(L, xr + j) + load(L, rr + j) + load(L, brec + j));
            auto r = vsigmoid(load(L, xr + H + j) + load(L, rr + H + j) + load(L, brec + H + j));
            auto rh = load(L, rr + 2 * H + j) + load(L, brec + 2 * H + j);
            auto hh = vtanh(load(L, xr + 2 * H + j) + r * rh);
            store(L, ar + j, z);
            store(L, ar + H + j, r);
            store(L, ar + 2 * H + j, hh);
            store(L, qr + j, rh);
            store(L, hr + j, hh + z * (load(L, hp + j) - hh));
          });
        } else {
          const float* cp = cs + t * RH + (long)b * H;
          float* cr = cs + (t + 1) * RH + (long)b * H;
          for_lanes(H, [&](auto L, int j) {
            auto i = vsigmoid(load(L, xr + j) + load(L, rr + j));
            auto f = vsigmoid(load(L, xr + H + j) + load(L, rr + H + j));
            auto g = vtanh(load(L, xr + 2 * H + j) + load(L, rr + 2 * H + j));
            auto o = vsigmoid(load(L, xr + 3 * H + j) + load(L, rr + 3 * H + j));
            auto c = f * load(L, cp + j) + i * g;
            auto tc = vtanh(c);
            store(L, ar + j, i);
            store(L, ar + H + j, f);
            store(L, ar + 2 * H + j, g);
            store(L, ar + 3 * H + j, o);
            store(L, cr + j, c);
            store(L, qr + j, tc);
            store(L, hr + j, o * tc);
          });
        }
      }
    }
  }

  /**
   * The reconstruction term summed over the chunk (returned: Σ over rows of the per-sample mean
   * over steps × features). Bernoulli: BCE from logits, with withGradient also
   * dLoss/dlogit = (1−λ)/(n·T·F)·(σ(l) − x). Gaussian: (l − x)², gradient (1−λ)/(n·T·F)·2(l − x).
   */
  double outputLoss(Workspace& w, int R, bool withGradient, float klWeight, int n) {
    const int T = d_.steps, F = d_.features;
    const float scale = (float)((1.0 - klWeight) / ((double)n * T * F));
    if (d_.likelihood == kFusedGaussian) return squaredErrorLoss(w, R, withGradient, scale);
    double sum = 0;
    for (long row = 0; row < (long)T * R; ++row) {
      const float* l = w.logits + row * F;
      const float* x = w.enc[0].xs + row * F;
      float* dl = w.dLogits + row * F;
      float rowSum = 0;
      for_lanes(F, [&](auto L, int j) {
        auto lv = load(L, l + j);
        auto xv = load(L, x + j);
        auto e = vexp(-fabs_(lv));  // e^−|l| ∈ (0, 1]
        rowSum += hsum(vmax(lv, decltype(lv){}) - lv * xv + vlog1p_unit(e));
        if (withGradient) {
          auto p = lv >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
          store(L, dl + j, (p - xv) * scale);
        }
      });
      sum += rowSum;
    }
    return sum / ((double)T * F);
  }

  /** outputLoss for the Gaussian likelihood; scale = (1−λ)/(n·T·F). */
  double squaredErrorLoss(Workspace& w, int R, bool withGradient, float scale) {
    const int T = d_.steps, F = d_.features;
    const float twiceScale = 2.0f * scale;
    double sum = 0;
    for (long row = 0; row < (long)T * R; ++row) {
      const float* l = w.logits + row * F;
      const float* x = w.enc[0].xs + row * F;
      float* dl = w.dLogits + row * F;
      float rowSum = 0;
      for_lanes(F, [&](auto L, int j) {
        auto d = load(L, l + j) - load(L, x + j);
        rowSum += hsum(d * d);
        if (withGradient) store(L, dl + j, d * twiceScale);
      });
      sum += rowSum;
    }
    return sum / ((double)T * F);
  }

  /** The likelihood's means, sample-major: sigmoid probabilities, or the linear output (Gaussian). */
  void writeProbabilities(Workspace& w, int R, float* out) {
    const int T = d_.steps, F = d_.features;
    const bool gaussian = d_.likelihood == kFusedGaussian;
    for (int b = 0; b < R; ++b)
      for (int t = 0; t < T; ++t) {
        const float* l = w.logits + ((long)t * R + b) * F;
        float* p = out + ((long)b * T + t) * F;
        if (gaussian) {
          __builtin_memcpy(p, l, sizeof(float) * F);
        } else {
          for_lanes(F, [&](auto L, int j) { store(L, p + j, vsigmoid(load(L, l + j))); });
        }
      }
  }

  // ---- backward ------------------------------------------------------------------------------

  void backward(Workspace& w, const float* eps, int R, float klWeight, int n, float* grad) {
    const int T = d_.steps, F = d_.features, H = H_, G = G_, D = d_.latent;
    const long TR = (long)T * R, RH = (long)R * H;
    const bool gru = d_.cell == kFusedGru;

    // Output layer: dWo += Σ h_tᵀ·δ_t, dbo += Σ δ_t, δh_t = δ_t·Woᵀ.
    gemm(H, F, TR, transposed(w.decH + RH, H), w.dLogits, F, grad + layout_.outW, F, true, w.panel);
    addColumnSums(w.dLogits, TR, F, grad + layout_.outB);
    gemmPacked(TR, H, F, rowMajor(w.dLogits, F), w_.outW.backward, w.dDecH, H, false);

    // Decoder: the gradient reaching its input is summed over steps (RepeatVector).
    __builtin_memset(w.dh, 0, sizeof(float) * RH);
    rnnBackward(w, w.dDecH, w.decH, w.decC, w.decAct, w.decQ, w_.decU.backward, R);
    recurrentWeightGradients(w, w.decH, layout_.decU, layout_.decB, R, grad);
    float* dXG = gru ? w.dXG : w.dRG;
    __builtin_memcpy(w.dDecIn, dXG, sizeof(float) * R * G);
    for (int t = 1; t < T; ++t)
      for (long i = 0; i < (long)R * G; ++i) w.dDecIn[i] += dXG[t * (long)R * G + i];
    gemm(D, G, R, transposed(w.z, D), w.dDecIn, G, grad + layout_.decW, G, true, w.panel);
    gemmPacked(R, D, G, rowMajor(w.dDecIn, G), w_.decW.backward, w.dz, D, false);

    // Latent: z = μ + e^{½lv}·ε and the KL term λ/n·KL.
    const float klScale = klWeight / (float)n;
    for (long i = 0; i < (long)R * D; ++i) {
      const float mu = w.mu[i], lv = w.logVar[i], dz = w.dz[i];
      w.dMu[i] = dz + klScale * mu;
      w.dLogVar[i] = dz * eps[i] * 0.5f * vexp(0.5f * lv) + klScale * 0.5f * (vexp(lv) - 1.0f);
    }
    for (int k = 0; k < directions_; ++k) {
      const float* hT = w.enc[k].h + (long)T * RH;
      const long block = (long)k * H * D;
      gemm(H, D, R, transposed(hT, H), w.dMu, D, grad + layout_.zmW + block, D, true, w.panel);
      gemm(H, D, R, transposed(hT, H), w.dLogVar, D, grad + layout_.zvW + block, D, true, w.panel);
    }
    addColumnSums(w.dMu, R, D, grad + layout_.zmB);
    addColumnSums(w.dLogVar, R, D, grad + layout_.zvB);

    // Encoder, one direction after the other: gradient enters only at each one's last state.
    for (int k = 0; k < directions_; ++k) {
      const EncoderBuffers& e = w.enc[k];
      gemmPacked(R, H, D, rowMajor(w.dMu, D), w_.zmW[k].backward, w.dh, H, false);
      gemmPacked(R, H, D, rowMajor(w.dLogVar, D), w_.zvW[k].backward, w.dh, H, true);
      rnnBackward(w, nullptr, e.h, e.c, e.act, e.q, w_.encU[k].backward, R);
      recurrentWeightGradients(w, e.h, layout_.enc[k].U, layout_.enc[k].B, R, grad);
      gemm(F, G, TR, transposed(e.xs, F), dXG, G, grad + layout_.enc[k].W, G, true, w.panel);
    }
  }

  /**
   * Backpropagation through time from w.dh (gradient at the last state, plus dExt[t] arriving at
   * state t+1 from outside when dExt is given). Writes the pre-activation gradients: dRG[t] for
   * the recurrent product and (GRU only, where they differ in the candidate block) dXG[t] for the
   * input projection. Gradients reaching h_0 are dropped: the initial state is a constant zero.
   */
  void rnnBackward(Workspace& w, const float* dExt, const float* hs, const float* cs, const float* act, const float* q,
                   const float* packedUT, int R) {
    const int T = d_.steps, H = H_, G = G_;
    const long RH = (long)R * H, RG = (long)R * G;
    const bool gru = d_.cell == kFusedGru;
    if (!gru) __builtin_memset(w.dc, 0, sizeof(float) * RH);
    for (int t = T - 1; t >= 0; --t) {
      if (dExt)
        for (long i = 0; i < RH; ++i) w.dh[i] += dExt[t * RH + i];
      const float* at = act + t * RG;
      const float* qt = q + t * RH;
      float* drg = w.dRG + t * RG;
      for (int b = 0; b < R; ++b) {
        const float* ar = at + (long)b * G;
        const float* qr = qt + (long)b * H;
        float* dr = drg + (long)b * G;
        float* dh = w.dh + (long)b * H;
        if (gru) {
          const float* hp = hs + t * RH + (long)b * H;
          float* dx = w.dXG + t * RG + (long)b * G;
          for_lanes(H, [&](auto L, int j) {
            auto z = load(L, ar + j), r = load(L, ar + H + j), hh = load(L, ar + 2 * H + j);
            auto g = load(L, dh + j);
            auto dah = g * (1.0f - z) * (1.0f - hh * hh);
            auto daz = g * (load(L, hp + j) - hh) * z * (1.0f - z);
            auto dar = dah * load(L, qr + j) * r * (1.0f - r);
            store(L, dr + j, daz);
            store(L, dr + H + j, dar);
            store(L, dr + 2 * H + j, dah * r);
            store(L, dx + j, daz);
            store(L, dx + H + j, dar);
            store(L, dx + 2 * H + j, dah);
            store(L, dh + j, g * z);
          });
        } else {
          const float* cp = cs + t * RH + (long)b * H;
          float* dc = w.dc + (long)b * H;
          for_lanes(H, [&](auto L, int j) {
            auto i = load(L, ar + j), f = load(L, ar + H + j), g = load(L, ar + 2 * H + j), o = load(L, ar + 3 * H + j);
            auto tc = load(L, qr + j);
            auto gh = load(L, dh + j);
            auto dcv = load(L, dc + j) + gh * o * (1.0f - tc * tc);
            store(L, dr + j, dcv * g * i * (1.0f - i));
            store(L, dr + H + j, dcv * load(L, cp + j) * f * (1.0f - f));
            store(L, dr + 2 * H + j, dcv * i * (1.0f - g * g));
            store(L, dr + 3 * H + j, gh * tc * o * (1.0f - o));
            store(L, dc + j, dcv * f);
          });
        }
      }
      // δh_{t} = δa_t·Uᵀ (GRU adds it to the direct path z ⊙ δh_{t+1} already in dh).
      if (t > 0) gemmPacked(R, H, G, rowMajor(drg, G), packedUT, w.dh, H, gru);
    }
  }

  /** dU += Σ_t h_{t}ᵀ·δa_t (t ≥ 1; h_0 = 0) and the bias gradients of one recurrent layer. */
  void recurrentWeightGradients(Workspace& w, const float* hs, long uOffset, long biasOffset, int R, float* grad) {
    const int T = d_.steps, H = H_, G = G_;
    const long RH = (long)R * H, RG = (long)R * G, TR = (long)T * R;
    gemm(H, G, (T - 1) * R, transposed(hs + RH, H), w.dRG + RG, G, grad + uOffset, G, true, w.panel);
    if (d_.cell == kFusedGru) {
      addColumnSums(w.dXG, TR, G, grad + biasOffset);
      addColumnSums(w.dRG, TR, G, grad + biasOffset + G);
    } else {
      addColumnSums(w.dRG, TR, G, grad + biasOffset);
    }
  }

  FusedDims d_;
  int H_, G_;
  /** Encoder directions: 1, or 2 when bidirectional. */
  int directions_;
  Layout layout_;
  ThreadTeam* team_ = nullptr;
  float* params_;
  float* m_;
  float* v_;
  float* grads_[kShards];
  PackedWeights w_;
  float* transposeScratch_;
  bool packedStale_ = true;
  long step_ = 0;
  Workspace work_[kShards];
  Job job_{};
  float* probabilities_ = nullptr;
  Adam adam_{};
  double shardRecon_[kShards] = {0, 0};
  double shardKl_[kShards] = {0, 0};
};

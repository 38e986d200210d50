// The fused sequence VAE: whole-sequence forward and hand-derived backward of the encoder RNN
// (one-way, or bidirectional: a second RNN over the time-reversed input), the reparameterised
// latent, the decoder RNN over RepeatVector(z) and the output layer (Bernoulli: sigmoid + BCE;
// Gaussian: linear + squared error), plus Adam. The math is the one documented in
// src/main/lab/engines/inference-engine.ts and training-engine.ts. Parts live beside it: memory in
// model_buffers.h, the recurrent cells in model_cells.h, the output layer and loss in model_output.h;
// where each weight sits comes from TypeScript (FusedLayout, fused_model.h).
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
// After the kernels: these build on them.
#include "model_buffers.h"
#include "model_cells.h"
#include "model_output.h"

constexpr int kShards = 2;
/** Below this many parameters Adam runs on the calling thread: waking a worker would cost more. */
constexpr long kParallelAdamMin = 1 << 16;
/** Adam as tfjs has it (engines/training-engine.ts). */
constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kAdamEpsilon = 1e-7;
/** Rows processed at once per shard; longer shards run in chunks (gradients add up across them). */
constexpr int kMaxChunkRows = 64;

static int directionsOf(const FusedDims& d) { return d.bidirectional ? 2 : 1; }

class Model final : public FusedModel {
 public:
  Model(const FusedDims& dims, const FusedLayout& layout, int threads)
      : d_(dims),
        H_(dims.hidden),
        G_((dims.cell == kFusedGru ? 3 : 4) * dims.hidden),
        directions_(directionsOf(dims)),
        layout_(layout),
        cells_{dims.steps, dims.hidden, G_, dims.cell == kFusedGru},
        output_{dims.steps, dims.features, dims.likelihood == kFusedGaussian} {
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
    w_.decW.init(params_ + layout_.dec.W, D, G, true);
    w_.decU.init(params_ + layout_.dec.U, H, G, true);
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
          recon += output_.loss(w, rows, job.kind == Job::kGradient, job.klWeight, job.n);
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
          output_.writeMeans(w, rows, probabilities_ + row0 * T * F);
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
      cells_.forward(w, e.xg, (long)R * G, w_.encU[k].forward, recurrentBias(layout_.enc[k].B), e.h, e.c, e.act, e.q, R);
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
    fillRows(w.decXG, R, G, params_ + layout_.dec.B);
    gemmPacked(R, G, D, rowMajor(z, D), w_.decW.forward, w.decXG, G, true);
    // RepeatVector(z): every step sees the same input projection (stride 0 between steps).
    cells_.forward(w, w.decXG, 0, w_.decU.forward, recurrentBias(layout_.dec.B), w.decH, w.decC, w.decAct, w.decQ, R);
    fillRows(w.logits, (long)T * R, F, params_ + layout_.outB);
    gemmPacked(T * R, F, H, rowMajor(w.decH + (long)R * H, H), w_.outW.forward, w.logits, F, true);
  }

  /** GRU's recurrent bias row (the second row of [2, G]); LSTM has none. */
  const float* recurrentBias(long biasOffset) const { return d_.cell == kFusedGru ? params_ + biasOffset + G_ : nullptr; }

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
    cells_.backward(w, w.dDecH, w.decH, w.decC, w.decAct, w.decQ, w_.decU.backward, R);
    cells_.weightGradients(w, w.decH, grad + layout_.dec.U, grad + layout_.dec.B, R);
    float* dXG = gru ? w.dXG : w.dRG;
    __builtin_memcpy(w.dDecIn, dXG, sizeof(float) * R * G);
    for (int t = 1; t < T; ++t)
      for (long i = 0; i < (long)R * G; ++i) w.dDecIn[i] += dXG[t * (long)R * G + i];
    gemm(D, G, R, transposed(w.z, D), w.dDecIn, G, grad + layout_.dec.W, G, true, w.panel);
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
      cells_.backward(w, nullptr, e.h, e.c, e.act, e.q, w_.encU[k].backward, R);
      cells_.weightGradients(w, e.h, grad + layout_.enc[k].U, grad + layout_.enc[k].B, R);
      gemm(F, G, TR, transposed(e.xs, F), dXG, G, grad + layout_.enc[k].W, G, true, w.panel);
    }
  }

  FusedDims d_;
  int H_, G_;
  /** Encoder directions: 1, or 2 when bidirectional. */
  int directions_;
  FusedLayout layout_;
  Recurrence cells_;
  OutputLayer output_;
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

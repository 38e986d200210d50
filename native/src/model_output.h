// The fused model's output side: the reconstruction loss over the decoder's linear output (Bernoulli:
// BCE from logits; Gaussian: squared error) with its gradient, and the likelihood's means that decode
// returns, as src/main/lab/engines/training-engine.ts writes them. Part of model_impl.h (compiled once
// per instruction set, inside its namespace).
#pragma once

/** The output layer of one model: steps, features and likelihood. */
struct OutputLayer {
  int T, F;
  bool gaussian;

  /**
   * The reconstruction term summed over the chunk (returned: Σ over rows of the per-sample mean
   * over steps × features). Bernoulli: BCE from logits, with withGradient also
   * dLoss/dlogit = (1−λ)/(n·T·F)·(σ(l) − x). Gaussian: (l − x)², gradient (1−λ)/(n·T·F)·2(l − x).
   */
  double loss(Workspace& w, int R, bool withGradient, float klWeight, int n) const {
    const float scale = (float)((1.0 - klWeight) / ((double)n * T * F));
    if (gaussian) return squaredErrorLoss(w, R, withGradient, scale);
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

  /** loss for the Gaussian likelihood; scale = (1−λ)/(n·T·F). */
  double squaredErrorLoss(Workspace& w, int R, bool withGradient, float scale) const {
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
  void writeMeans(Workspace& w, int R, float* out) const {
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
};

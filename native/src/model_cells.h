// The recurrent layers of the fused model: the GRU (Keras reset_after=True) and LSTM cells over T
// time-major steps, their backpropagation through time, and their weight gradients, as
// src/main/lab/engines/inference-engine.ts writes the cells. Part of model_impl.h (compiled once per
// instruction set, inside its namespace); src/main/lab/engines/fused/js-recurrence.ts mirrors it.
#pragma once

/** The cell arithmetic of one model: steps, hidden units, gate columns (gates × hidden), GRU or LSTM. */
struct Recurrence {
  int T, H, G;
  bool gru;

  /**
   * Runs the cell over T steps from a zero state. xg holds input projections (with the input
   * bias), step t at xg + t·xgStepStride; brec is GRU's recurrent bias (null for LSTM). Stores
   * states hs[0..T] (and cs for LSTM), the gate activations act[t] and q[t] (GRU: the recurrent
   * candidate term rh; LSTM: tanh(c)).
   */
  void forward(Workspace& w, const float* xg, long xgStepStride, const float* packedU, const float* brec, float* hs, float* cs,
               float* act, float* q, int R) const {
    const long RH = (long)R * H, RG = (long)R * G;
    __builtin_memset(hs, 0, sizeof(float) * RH);
    if (!gru) __builtin_memset(cs, 0, sizeof(float) * RH);
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
        if (gru) {
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
   * Backpropagation through time from w.dh (gradient at the last state, plus dExt[t] arriving at
   * state t+1 from outside when dExt is given). Writes the pre-activation gradients: dRG[t] for
   * the recurrent product and (GRU only, where they differ in the candidate block) dXG[t] for the
   * input projection. Gradients reaching h_0 are dropped: the initial state is a constant zero.
   */
  void backward(Workspace& w, const float* dExt, const float* hs, const float* cs, const float* act, const float* q,
                const float* packedUT, int R) const {
    const long RH = (long)R * H, RG = (long)R * G;
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
  void weightGradients(Workspace& w, const float* hs, float* gradU, float* gradBias, int R) const {
    const long RH = (long)R * H, RG = (long)R * G, TR = (long)T * R;
    gemm(H, G, (T - 1) * R, transposed(hs + RH, H), w.dRG + RG, G, gradU, G, true, w.panel);
    if (gru) {
      addColumnSums(w.dXG, TR, G, gradBias);
      addColumnSums(w.dRG, TR, G, gradBias + G);
    } else {
      addColumnSums(w.dRG, TR, G, gradBias);
    }
  }
};

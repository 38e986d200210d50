// N-API binding of the fused sequence-VAE trainer (fused_model.h). N-API keeps one binary loadable
// by every Node and Electron of the same platform. The JavaScript side (native-core.ts) owns all
// arrays: the calls read and write caller-provided typed arrays in place, so a training step
// allocates nothing on either side. A model is an external handle; dispose() frees it eagerly and
// the garbage collector frees whatever was not disposed.
#include <node_api.h>

#include <new>

#include "fused_model.h"

namespace {

struct Handle {
  FusedModel* model;
};

/** Throws a JS error and returns false when status is not ok; used as `if (!ok(...)) return nullptr`. */
bool ok(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return true;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, nullptr, what);
  return false;
}

bool fail(napi_env env, const char* message) {
  napi_throw_range_error(env, nullptr, message);
  return false;
}

struct Args {
  explicit Args(napi_env e) : env(e) {}

  napi_env env;
  napi_value values[9] = {};
  size_t count = 9;

  bool read(napi_callback_info info, size_t expected) {
    if (!ok(env, napi_get_cb_info(env, info, &count, values, nullptr, nullptr), "cannot read arguments")) return false;
    if (count < expected) return fail(env, "too few arguments");
    return true;
  }

  bool model(size_t i, FusedModel** out) {
    void* data = nullptr;
    if (!ok(env, napi_get_value_external(env, values[i], &data), "expected a fused model handle")) return false;
    *out = static_cast<Handle*>(data)->model;
    if (!*out) return fail(env, "the fused model was disposed");
    return true;
  }

  bool integer(size_t i, long min, long max, long* out) {
    int64_t v = 0;
    if (!ok(env, napi_get_value_int64(env, values[i], &v), "expected an integer")) return false;
    if (v < min || v > max) return fail(env, "integer argument out of range");
    *out = (long)v;
    return true;
  }

  bool number(size_t i, double* out) { return ok(env, napi_get_value_double(env, values[i], out), "expected a number"); }

  template <class T>
  bool typed(size_t i, napi_typedarray_type type, size_t minLength, T** out) {
    napi_typedarray_type actual;
    size_t length = 0;
    void* data = nullptr;
    if (!ok(env, napi_get_typedarray_info(env, values[i], &actual, &length, &data, nullptr, nullptr),
            "expected a typed array"))
      return false;
    if (actual != type) return fail(env, "typed array of the wrong type");
    if (length < minLength) return fail(env, "typed array too short");
    *out = static_cast<T*>(data);
    return true;
  }

  bool floats(size_t i, size_t minLength, float** out) { return typed(i, napi_float32_array, minLength, out); }
};

napi_value number(napi_env env, double v) {
  napi_value out;
  napi_create_double(env, v, &out);
  return out;
}

napi_value undefined(napi_env env) {
  napi_value out;
  napi_get_undefined(env, &out);
  return out;
}

void finalize(napi_env, void* data, void*) {
  Handle* h = static_cast<Handle*>(data);
  delete h->model;
  delete h;
}

void writeLosses(const FusedLosses& l, double* out) {
  out[0] = l.loss;
  out[1] = l.recon;
  out[2] = l.kl;
}

/** Runs a model call, turning C++ exceptions (out of memory) into JS errors. */
template <class F>
napi_value guarded(napi_env env, F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    napi_throw_error(env, nullptr, "out of memory in the fused engine");
  } catch (...) {
    napi_throw_error(env, nullptr, "unexpected failure in the fused engine");
  }
  return nullptr;
}

napi_value InstructionSet(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_string_utf8(env, fusedInstructionSet(), NAPI_AUTO_LENGTH, &out);
  return out;
}

// create(cell, steps, features, hidden, latent, threads, likelihood, bidirectional, offsets)
napi_value Create(napi_env env, napi_callback_info info) {
  Args a(env);
  long cell, steps, features, hidden, latent, threads, likelihood, bidirectional;
  double* table;
  if (!a.read(info, 9) || !a.integer(0, 0, 1, &cell) || !a.integer(1, 1, 1 << 16, &steps) ||
      !a.integer(2, 1, 1 << 16, &features) || !a.integer(3, 1, 1 << 14, &hidden) || !a.integer(4, 1, 1 << 12, &latent) ||
      !a.integer(5, 1, 64, &threads) || !a.integer(6, 0, 1, &likelihood) || !a.integer(7, 0, 1, &bidirectional) ||
      !a.typed(8, napi_float64_array, kLayoutEntries, &table))
    return nullptr;
  FusedDims dims{(int)cell, (int)steps, (int)features, (int)hidden, (int)latent, (int)likelihood, (int)bidirectional};
  FusedLayout layout;
  if (!readLayout(table, dims, &layout)) {
    fail(env, "the weight offset table does not fit the model");
    return nullptr;
  }
  return guarded(env, [&]() -> napi_value {
    Handle* h = new Handle{createFusedModel(dims, layout, (int)threads)};
    napi_value out;
    if (!ok(env, napi_create_external(env, h, finalize, nullptr, &out), "cannot create the model handle")) {
      finalize(env, h, nullptr);
      return nullptr;
    }
    return out;
  });
}

napi_value Dispose(napi_env env, napi_callback_info info) {
  Args a(env);
  void* data = nullptr;
  if (!a.read(info, 1) || !ok(env, napi_get_value_external(env, a.values[0], &data), "expected a fused model handle"))
    return nullptr;
  Handle* h = static_cast<Handle*>(data);
  delete h->model;
  h->model = nullptr;
  return undefined(env);
}

napi_value Threads(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  if (!a.read(info, 1) || !a.model(0, &m)) return nullptr;
  return number(env, m->threads());
}

napi_value ModelInstructionSet(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  if (!a.read(info, 1) || !a.model(0, &m)) return nullptr;
  napi_value out;
  napi_create_string_utf8(env, m->instructionSet(), NAPI_AUTO_LENGTH, &out);
  return out;
}

// getParams(h, out) / setParams(h, values)
napi_value GetParams(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  float* out;
  if (!a.read(info, 2) || !a.model(0, &m) || !a.floats(1, m->paramCount(), &out)) return nullptr;
  __builtin_memcpy(out, m->params(), sizeof(float) * m->paramCount());
  return undefined(env);
}

napi_value SetParams(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  float* in;
  if (!a.read(info, 2) || !a.model(0, &m) || !a.floats(1, m->paramCount(), &in)) return nullptr;
  __builtin_memcpy(m->params(), in, sizeof(float) * m->paramCount());
  m->paramsChanged();
  return undefined(env);
}

// getAdam(h, m, v) → step / setAdam(h, step, m, v)
napi_value GetAdam(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  float *mo, *vo;
  if (!a.read(info, 3) || !a.model(0, &m) || !a.floats(1, m->paramCount(), &mo) || !a.floats(2, m->paramCount(), &vo))
    return nullptr;
  __builtin_memcpy(mo, m->adamM(), sizeof(float) * m->paramCount());
  __builtin_memcpy(vo, m->adamV(), sizeof(float) * m->paramCount());
  return number(env, (double)m->adamStep());
}

napi_value SetAdam(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  long step;
  float *mi, *vi;
  if (!a.read(info, 4) || !a.model(0, &m) || !a.integer(1, 0, 1L << 52, &step) || !a.floats(2, m->paramCount(), &mi) ||
      !a.floats(3, m->paramCount(), &vi))
    return nullptr;
  __builtin_memcpy(m->adamM(), mi, sizeof(float) * m->paramCount());
  __builtin_memcpy(m->adamV(), vi, sizeof(float) * m->paramCount());
  m->setAdamStep(step);
  return undefined(env);
}

/** Reads (h, x, eps, n, klWeight) shared by trainStep, gradients and evaluate. */
struct BatchArgs {
  FusedModel* m;
  float* x;
  float* eps;
  long n;
  double klWeight;

  bool read(Args& a) {
    if (!a.model(0, &m) || !a.integer(3, 0, 1L << 30, &n) || !a.number(4, &klWeight)) return false;
    const FusedDims& d = m->dims();
    return a.floats(1, (size_t)n * d.steps * d.features, &x) && a.floats(2, (size_t)n * d.latent, &eps);
  }
};

// trainStep(h, x, eps, n, klWeight, learningRate, losses[3])
napi_value TrainStep(napi_env env, napi_callback_info info) {
  Args a(env);
  BatchArgs b;
  double lr;
  double* losses;
  if (!a.read(info, 7) || !b.read(a) || !a.number(5, &lr) || !a.typed(6, napi_float64_array, 3, &losses)) return nullptr;
  return guarded(env, [&]() -> napi_value {
    FusedLosses l;
    b.m->trainStep(b.x, b.eps, (int)b.n, (float)b.klWeight, (float)lr, &l);
    writeLosses(l, losses);
    return undefined(env);
  });
}

// gradients(h, x, eps, n, klWeight, grad, losses[3])
napi_value Gradients(napi_env env, napi_callback_info info) {
  Args a(env);
  BatchArgs b;
  float* grad;
  double* losses;
  if (!a.read(info, 7) || !b.read(a) || !a.floats(5, b.m->paramCount(), &grad) ||
      !a.typed(6, napi_float64_array, 3, &losses))
    return nullptr;
  return guarded(env, [&]() -> napi_value {
    FusedLosses l;
    b.m->gradients(b.x, b.eps, (int)b.n, (float)b.klWeight, grad, &l);
    writeLosses(l, losses);
    return undefined(env);
  });
}

// evaluate(h, x, eps, n, klWeight, losses[3])
napi_value Evaluate(napi_env env, napi_callback_info info) {
  Args a(env);
  BatchArgs b;
  double* losses;
  if (!a.read(info, 6) || !b.read(a) || !a.typed(5, napi_float64_array, 3, &losses)) return nullptr;
  return guarded(env, [&]() -> napi_value {
    FusedLosses l;
    b.m->evaluate(b.x, b.eps, (int)b.n, (float)b.klWeight, &l);
    writeLosses(l, losses);
    return undefined(env);
  });
}

// encode(h, x, n, zMean, zLogVar)
napi_value Encode(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  long n;
  float *x, *mu, *lv;
  if (!a.read(info, 5) || !a.model(0, &m) || !a.integer(2, 0, 1L << 30, &n)) return nullptr;
  const FusedDims& d = m->dims();
  if (!a.floats(1, (size_t)n * d.steps * d.features, &x) || !a.floats(3, (size_t)n * d.latent, &mu) ||
      !a.floats(4, (size_t)n * d.latent, &lv))
    return nullptr;
  return guarded(env, [&]() -> napi_value {
    m->encode(x, (int)n, mu, lv);
    return undefined(env);
  });
}

// decode(h, z, n, probabilities)
napi_value Decode(napi_env env, napi_callback_info info) {
  Args a(env);
  FusedModel* m;
  long n;
  float *z, *out;
  if (!a.read(info, 4) || !a.model(0, &m) || !a.integer(2, 0, 1L << 30, &n)) return nullptr;
  const FusedDims& d = m->dims();
  if (!a.floats(1, (size_t)n * d.latent, &z) || !a.floats(3, (size_t)n * d.steps * d.features, &out)) return nullptr;
  return guarded(env, [&]() -> napi_value {
    m->decode(z, (int)n, out);
    return undefined(env);
  });
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"instructionSet", nullptr, InstructionSet, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"create", nullptr, Create, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dispose", nullptr, Dispose, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"modelInstructionSet", nullptr, ModelInstructionSet, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"getParams", nullptr, GetParams, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setParams", nullptr, SetParams, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"getAdam", nullptr, GetAdam, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setAdam", nullptr, SetAdam, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainStep", nullptr, TrainStep, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gradients", nullptr, Gradients, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"evaluate", nullptr, Evaluate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"encode", nullptr, Encode, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"decode", nullptr, Decode, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)

// Picks the per-ISA build of the model at run time, so one binary runs on any x86-64 CPU and uses
// AVX2 + FMA where they exist. SEQVAE_FUSED_ISA=generic forces the baseline build (to test it on
// an AVX2 machine).
#include <stdlib.h>
#include <string.h>

#include "fused_model.h"

namespace fused_generic {
FusedModel* create(const FusedDims& dims, const FusedLayout& layout, int threads);
}
#ifdef FUSED_HAVE_AVX2
namespace fused_avx2 {
FusedModel* create(const FusedDims& dims, const FusedLayout& layout, int threads);
}
#endif

FusedModel::~FusedModel() {}

static bool cpuHasAvx2() {
#ifdef FUSED_HAVE_AVX2
  const char* forced = getenv("SEQVAE_FUSED_ISA");
  if (forced && strcmp(forced, "generic") == 0) return false;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

const char* fusedInstructionSet() { return cpuHasAvx2() ? "avx2" : "generic"; }

FusedModel* createFusedModel(const FusedDims& dims, const FusedLayout& layout, int threads) {
#ifdef FUSED_HAVE_AVX2
  if (cpuHasAvx2()) return fused_avx2::create(dims, layout, threads);
#endif
  return fused_generic::create(dims, layout, threads);
}

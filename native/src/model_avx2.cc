// The model compiled with AVX2 + FMA (binding.gyp builds this file with -mavx2 -mfma); used only
// when the CPU reports both (see dispatch.cc).
#include <stdlib.h>

#include <new>

#include "fused_model.h"
#include "thread_team.h"

#define FUSED_ISA_NAME "avx2"
namespace fused_avx2 {
#include "model_impl.h"

FusedModel* create(const FusedDims& dims, const FusedLayout& layout, int threads) { return new Model(dims, layout, threads); }
}  // namespace fused_avx2

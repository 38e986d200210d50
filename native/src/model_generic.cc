// The model compiled for the baseline instruction set of the target (SSE2 on x86-64, NEON on arm64).
#include <stdlib.h>

#include <new>

#include "fused_model.h"
#include "thread_team.h"

#define FUSED_ISA_NAME "generic"
namespace fused_generic {
#include "model_impl.h"

FusedModel* create(const FusedDims& dims, const FusedLayout& layout, int threads) { return new Model(dims, layout, threads); }
}  // namespace fused_generic

// Checks the weight offset table TypeScript passes (native-core.ts) against the model's dims. The
// order of the tensors is TypeScript's alone (src/main/lab/model/weight-layout.ts); this file only
// knows each tensor's size, which the arithmetic needs anyway, so that a table that does not fit
// is refused before any kernel reads through it.
#include "fused_model.h"

bool readLayout(const double* table, const FusedDims& d, FusedLayout* out) {
  const long H = d.hidden, D = d.latent, F = d.features;
  const long G = (d.cell == kFusedGru ? 3 : 4) * H;
  const long bias = d.cell == kFusedGru ? 2 * G : G;
  // z_mean / z_log_var kernels are [directions·H, D]: one [H, D] row block per direction.
  const long directions = d.bidirectional ? 2 : 1, backward = d.bidirectional ? 1 : 0;
  FusedLayout l;
  struct Entry {
    long* offset;
    /** Floats the tensor holds; 0 for one this model does not have. */
    long size;
  };
  const Entry entries[kLayoutEntries - 1] = {
      {&l.enc[0].W, F * G},          {&l.enc[0].U, H * G},          {&l.enc[0].B, bias},
      {&l.enc[1].W, backward * F * G}, {&l.enc[1].U, backward * H * G}, {&l.enc[1].B, backward * bias},
      {&l.zmW, directions * H * D},  {&l.zmB, D},                   {&l.zvW, directions * H * D},
      {&l.zvB, D},                   {&l.dec.W, D * G},             {&l.dec.U, H * G},
      {&l.dec.B, bias},              {&l.outW, H * F},              {&l.outB, F}};
  const double total = table[kLayoutEntries - 1];
  if (!(total >= 0 && total <= 1e15 && total == (double)(long)total)) return false;
  l.total = (long)total;
  long sum = 0;
  for (const Entry& e : entries) {
    const double at = table[&e - entries];
    if (e.size == 0) {
      if (at != -1) return false;
      *e.offset = -1;
      continue;
    }
    if (!(at >= 0 && at == (double)(long)at && (long)at + e.size <= l.total)) return false;
    *e.offset = (long)at;
    sum += e.size;
  }
  if (sum != l.total) return false;
  *out = l;
  return true;
}

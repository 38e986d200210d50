// The fused sequence-VAE trainer's C++ interface, shared by the N-API glue and the per-ISA
// implementations (model_avx2.cc, model_generic.cc). The math is documented on the TypeScript
// engine interfaces (src/main/lab/engines/inference-engine.ts and training-engine.ts); parameters,
// gradients and Adam moments are flat float vectors in the canonical Keras layout
// (src/main/lab/model/weight-layout.ts), concatenated in layout order. Where each tensor starts is
// not computed here: TypeScript passes the table (engines/fused/flat-params.ts, native-core.ts).
#pragma once

enum FusedCell { kFusedGru = 0, kFusedLstm = 1 };
/** Bernoulli: sigmoid output and BCE; Gaussian: linear output and squared error (fixed variance). */
enum FusedLikelihood { kFusedBernoulli = 0, kFusedGaussian = 1 };

struct FusedDims {
  int cell;
  int steps;
  int features;
  int hidden;
  int latent;
  int likelihood;
  /** Nonzero: a second encoder RNN reads the sequence reversed; z sees both final states. */
  int bidirectional;
};

/** Batch means of the loss terms, as BatchLosses in training-engine.ts. */
struct FusedLosses {
  double loss;
  double recon;
  double kl;
};

/** Where one recurrent layer's kernel, recurrent kernel and bias start in the flat vector. */
struct RecurrentOffsets {
  long W, U, B;
};

/** The encoder has at most two directions: forward, then backward when bidirectional. */
constexpr int kMaxDirections = 2;

/** Start of every tensor in the flat parameter vector, and the vector's length. */
struct FusedLayout {
  /** Forward, then backward; the backward entry is −1 throughout for a one-way encoder. */
  RecurrentOffsets enc[kMaxDirections];
  long zmW, zmB, zvW, zvB;
  RecurrentOffsets dec;
  long outW, outB, total;
};

/** Entries of the offset table offsetTable() in native-core.ts writes, in FusedLayout's order. */
constexpr int kLayoutEntries = 16;

/**
 * Reads the offset table into out. False (and out untouched) unless every tensor the dims call for
 * lies inside [0, total), those the model lacks are −1, and the tensors' sizes add up to total: a
 * table that does not fit the dims is refused rather than trusted with memory.
 */
bool readLayout(const double* table, const FusedDims& dims, FusedLayout* out);

class FusedModel {
 public:
  virtual ~FusedModel();
  virtual const FusedDims& dims() const = 0;
  virtual long paramCount() const = 0;
  /** Weights in canonical order; after writing them call paramsChanged(). */
  virtual float* params() = 0;
  virtual float* adamM() = 0;
  virtual float* adamV() = 0;
  virtual long adamStep() const = 0;
  virtual void setAdamStep(long step) = 0;
  virtual void paramsChanged() = 0;
  /** One Adam step on the batch mean loss; losses are those of the weights before the update. */
  virtual void trainStep(const float* x, const float* eps, int n, float klWeight, float learningRate, FusedLosses* out) = 0;
  /** The gradient of the batch mean loss into grad (paramCount floats), without updating anything. */
  virtual void gradients(const float* x, const float* eps, int n, float klWeight, float* grad, FusedLosses* out) = 0;
  virtual void evaluate(const float* x, const float* eps, int n, float klWeight, FusedLosses* out) = 0;
  virtual void encode(const float* x, int n, float* zMean, float* zLogVar) = 0;
  /** The likelihood's means [n, steps, features]: probabilities (Bernoulli) or x̂ (Gaussian). */
  virtual void decode(const float* z, int n, float* probabilities) = 0;
  virtual int threads() const = 0;
  /** "avx2" or "generic": which build of the kernels this model runs. */
  virtual const char* instructionSet() const = 0;
};

/** The model for the best instruction set this CPU supports; threads ≥ 1 (at most 2 are used). */
FusedModel* createFusedModel(const FusedDims& dims, const FusedLayout& layout, int threads);
/** The instruction set createFusedModel picks here: "avx2" or "generic". */
const char* fusedInstructionSet();

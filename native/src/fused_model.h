// The fused sequence-VAE trainer's C++ interface, shared by the N-API glue and the per-ISA
// implementations (model_avx2.cc, model_generic.cc). The math is documented on the TypeScript
// TrainingEngine interface (src/main/lab/train/training-engine.ts); parameters, gradients and Adam
// moments are flat float vectors in the canonical Keras layout (weight-layout.ts), concatenated in
// layout order.
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
FusedModel* createFusedModel(const FusedDims& dims, int threads);
/** The instruction set createFusedModel picks here: "avx2" or "generic". */
const char* fusedInstructionSet();

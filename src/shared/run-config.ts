import { z } from 'zod'
import { integer } from './schema-fields'

/**
 * Run configuration: the reference experiment is the default, so `{}` reproduces it.
 * Every field's error message is a sentence a user can act on; see `describeValidationError`.
 */
const num = (name: string, min: number, max: number, exclusiveMin = false) => {
  const message = `${name} must be a number ${exclusiveMin ? 'greater than' : 'from'} ${min} ${exclusiveMin ? 'and at most' : 'to'} ${max}`
  const base = z.number({ error: message }).refine(Number.isFinite, { error: message })
  return base
    .refine((v) => (exclusiveMin ? v > min : v >= min), { error: message })
    .refine((v) => v <= max, { error: message })
}

export const CELL_TYPES = ['gru', 'lstm'] as const
export type CellType = (typeof CELL_TYPES)[number]

/**
 * How the decoder's output is read: `bernoulli` — sigmoid means and BCE, for data in [0, 1];
 * `gaussian` — linear means and squared error (a Gaussian of fixed variance), for any real data.
 */
export const LIKELIHOODS = ['bernoulli', 'gaussian'] as const
export type Likelihood = (typeof LIKELIHOODS)[number]

/** Which numeric backend tfjs uses; `auto` picks the best one that loads. */
export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const
export type BackendChoice = (typeof BACKEND_CHOICES)[number]

/** Which training engine runs the math; `auto` prefers the fused engine where it is available. */
export const ENGINE_CHOICES = ['auto', 'fused', 'tfjs'] as const
export type EngineChoice = (typeof ENGINE_CHOICES)[number]

export const RunConfigSchema = z
  .object({
    dataset: z.string({ error: 'dataset must be a dataset name' }).min(1, { error: 'dataset must be a dataset name' }).default('mnist'),
    cell: z.enum(CELL_TYPES, { error: `cell must be one of: ${CELL_TYPES.join(', ')}` }).default('gru'),
    hiddenUnits: integer('hiddenUnits', 1, 1024).default(40),
    latentDim: integer('latentDim', 1, 64).default(3),
    /** Encoder reads the sequence both ways (Keras Bidirectional, concat) before z_mean / z_log_var. */
    bidirectional: z.boolean({ error: 'bidirectional must be true or false' }).default(false),
    likelihood: z.enum(LIKELIHOODS, { error: `likelihood must be one of: ${LIKELIHOODS.join(', ')}` }).default('bernoulli'),
    klWeight: num('klWeight', 0, 1).default(0.01),
    klWarmupEpochs: integer('klWarmupEpochs', 0, 10000).default(0),
    batchSize: integer('batchSize', 1, 4096).default(32),
    epochs: integer('epochs', 1, 10000).default(35),
    learningRate: num('learningRate', 0, 1, true).default(1e-3),
    seed: integer('seed', 0, 2 ** 31 - 1).default(42),
    /** Fraction of the training images held out for validation (0.1 → 54,000 / 6,000 on MNIST). */
    valFraction: num('valFraction', 0, 0.9, true).default(0.1),
    /** Use at most this many training / validation / evaluation samples (quick runs and tests). */
    trainLimit: integer('trainLimit', 1, 10_000_000).optional(),
    valLimit: integer('valLimit', 1, 10_000_000).optional(),
    evalLimit: integer('evalLimit', 1, 10_000_000).optional(),
    backend: z.enum(BACKEND_CHOICES, { error: `backend must be one of: ${BACKEND_CHOICES.join(', ')}` }).default('auto'),
    engine: z.enum(ENGINE_CHOICES, { error: `engine must be one of: ${ENGINE_CHOICES.join(', ')}` }).default('auto'),
  })
  .strict()

/** What a caller may send: every field optional, defaults fill the rest. */
export type RunConfigInput = z.input<typeof RunConfigSchema>
/** A complete, validated configuration, stored whole with each run. */
export type RunConfig = z.output<typeof RunConfigSchema>

export const DEFAULT_RUN_CONFIG: RunConfig = RunConfigSchema.parse({})

/** Human-readable field descriptions, used by the CLI help and the new-run form. */
export const RUN_CONFIG_FIELDS: Record<keyof RunConfig, { label: string; unit?: string; help: string }> = {
  dataset: { label: 'Dataset', help: 'Sequences to train on (MNIST: 28 steps × 28 pixel rows).' },
  cell: { label: 'Recurrent cell', help: 'GRU (CuDNN layout, reset after) or LSTM, for encoder and decoder.' },
  hiddenUnits: { label: 'Hidden units', unit: 'units', help: 'Size of the encoder and decoder recurrent state.' },
  latentDim: { label: 'Latent dimensions', unit: 'dims', help: 'Size of z; 3 lets you rotate the codes in 3-D.' },
  bidirectional: { label: 'Bidirectional encoder', help: 'Encode the sequence forwards and backwards and join both final states.' },
  likelihood: { label: 'Likelihood', help: 'Bernoulli (sigmoid, BCE) for data in [0, 1]; Gaussian (linear, squared error) for any real values.' },
  klWeight: { label: 'KL weight λ', help: 'Loss = (1−λ)·reconstruction + λ·KL; the reference used 0.01.' },
  klWarmupEpochs: { label: 'KL warm-up', unit: 'epochs', help: 'λ ramps linearly from 0 over this many epochs (0 = off).' },
  batchSize: { label: 'Batch size', unit: 'samples', help: 'Samples per gradient step.' },
  epochs: { label: 'Epochs', unit: 'epochs', help: 'Passes over the training set.' },
  learningRate: { label: 'Learning rate', help: 'Adam step size.' },
  seed: { label: 'Seed', help: 'Fixes the split, the initial weights, the data order and the noise.' },
  valFraction: { label: 'Validation fraction', help: 'Share of the training images held out for val_loss.' },
  trainLimit: { label: 'Train limit', unit: 'samples', help: 'Train on at most this many samples (quick runs).' },
  valLimit: { label: 'Validation limit', unit: 'samples', help: 'Validate on at most this many samples.' },
  evalLimit: { label: 'Evaluation limit', unit: 'samples', help: 'Encode at most this many test samples after training.' },
  backend: { label: 'Backend', help: 'tfjs backend for the tfjs engine; auto picks the best that loads.' },
  engine: { label: 'Engine', help: 'fused (fast CPU kernels) or tfjs (reference, GPU route); auto prefers fused.' },
}

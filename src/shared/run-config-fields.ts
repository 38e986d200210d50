/**
 * Every run config field, declared once: its kind, the values it accepts, its default, and how a
 * person sees it (label, unit, help). Everything else is derived from this table: the zod schema
 * (`run-config.ts`), the new-run form (`src/renderer/src/features/new-run`) and the `seqvae train`
 * flags (`src/main/cli/run-config-flags.ts`). A field added here fails the build until the form
 * places it in a section; its CLI flag follows by itself.
 */

export const CELL_TYPES = ['gru', 'lstm'] as const
export type CellType = (typeof CELL_TYPES)[number]

/**
 * How the decoder's output is read: `bernoulli` — sigmoid means and BCE, for data in [0, 1];
 * `gaussian` — linear means and squared error (a Gaussian of fixed variance), for any real data.
 */
export const LIKELIHOODS = ['bernoulli', 'gaussian'] as const
export type Likelihood = (typeof LIKELIHOODS)[number]

/**
 * Which training images are held out for validation: `random` — a seeded shuffle decides;
 * `tail` — the last ones, in the dataset's order, as Keras's `validation_split` does.
 */
export const VAL_SPLITS = ['random', 'tail'] as const
export type ValSplit = (typeof VAL_SPLITS)[number]

/** Which numeric backend tfjs uses; `auto` picks the best one that loads. */
export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const
export type BackendChoice = (typeof BACKEND_CHOICES)[number]

/** Which training engine runs the math; `auto` prefers the fused engine where it is available. */
export const ENGINE_CHOICES = ['auto', 'fused', 'tfjs'] as const
export type EngineChoice = (typeof ENGINE_CHOICES)[number]

/** How a field is entered and compared: integers, real numbers, a fixed set of choices, on/off, free text. */
export type FieldKind = 'int' | 'number' | 'enum' | 'boolean' | 'string'

interface FieldText {
  label: string
  help: string
  unit?: string
  /** The `seqvae train` flag, where it is not the key in kebab case (`hiddenUnits` → `--hidden`). */
  flag?: string
}
/** A field either has a default or may be left out (the sample limits: absent means "all"). */
type Presence<V> = { default: V; optional?: never } | { optional: true; default?: never }

export type ConfigFieldMeta = FieldText &
  (
    | ({ kind: 'int'; min: number; max: number } & Presence<number>)
    /** `step`: what ↑ / ↓ add or take away in a form field. */
    | ({ kind: 'number'; min: number; max: number; exclusiveMin?: boolean; step: number } & Presence<number>)
    | ({ kind: 'enum'; options: readonly string[] } & Presence<string>)
    | ({ kind: 'boolean' } & Presence<boolean>)
    /** `accepts`: what the value must be, as the refusal says it ("a dataset name"). */
    | ({ kind: 'string'; accepts: string } & Presence<string>)
  )

/** The reference experiment is the default, so `{}` reproduces it. Keys in the order forms and tables show them. */
export const RUN_CONFIG_FIELDS = {
  dataset: { kind: 'string', accepts: 'a dataset name', default: 'mnist', label: 'Dataset', help: 'Sequences to train on (MNIST: 28 steps × 28 pixel rows).' },
  cell: { kind: 'enum', options: CELL_TYPES, default: 'gru', label: 'Recurrent cell', help: 'GRU (CuDNN layout, reset after) or LSTM, for encoder and decoder.' },
  hiddenUnits: { kind: 'int', min: 1, max: 1024, default: 40, label: 'Hidden units', unit: 'units', flag: 'hidden', help: 'Size of the encoder and decoder recurrent state.' },
  latentDim: { kind: 'int', min: 1, max: 64, default: 3, label: 'Latent dimensions', unit: 'dims', help: 'Size of z; 3 lets you rotate the codes in 3-D.' },
  /** Encoder reads the sequence both ways (Keras Bidirectional, concat) before z_mean / z_log_var. */
  bidirectional: { kind: 'boolean', default: false, label: 'Bidirectional encoder', help: 'Encode the sequence forwards and backwards and join both final states.' },
  likelihood: {
    kind: 'enum',
    options: LIKELIHOODS,
    default: 'bernoulli',
    label: 'Likelihood',
    help: 'Bernoulli (sigmoid, BCE) for data in [0, 1]; Gaussian (linear, squared error) for any real values.',
  },
  klWeight: { kind: 'number', min: 0, max: 1, step: 0.001, default: 0.01, label: 'KL weight λ', help: 'Loss = (1−λ)·reconstruction + λ·KL; the reference used 0.01.' },
  klWarmupEpochs: { kind: 'int', min: 0, max: 10000, default: 0, label: 'KL warm-up', unit: 'epochs', flag: 'kl-warmup', help: 'λ ramps linearly from 0 over this many epochs (0 = off).' },
  batchSize: { kind: 'int', min: 1, max: 4096, default: 32, label: 'Batch size', unit: 'samples', help: 'Samples per gradient step.' },
  epochs: { kind: 'int', min: 1, max: 10000, default: 35, label: 'Epochs', unit: 'epochs', help: 'Passes over the training set.' },
  learningRate: { kind: 'number', min: 0, exclusiveMin: true, max: 1, step: 0.0001, default: 1e-3, label: 'Learning rate', flag: 'lr', help: 'Adam step size.' },
  seed: { kind: 'int', min: 0, max: 2 ** 31 - 1, default: 42, label: 'Seed', help: 'Fixes the split, the initial weights, the data order and the noise.' },
  /** Fraction of the training images held out for validation (0.1 → 54,000 / 6,000 on MNIST). */
  valFraction: { kind: 'number', min: 0, exclusiveMin: true, max: 0.9, step: 0.05, default: 0.1, label: 'Validation fraction', help: 'Share of the training images held out for val_loss.' },
  valSplit: {
    kind: 'enum',
    options: VAL_SPLITS,
    default: 'random',
    label: 'Validation split',
    help: 'random: a seeded shuffle picks the held-out images; tail: the last ones, before any shuffling (Keras validation_split).',
  },
  /** Keras's EarlyStopping(monitor='val_loss', patience=N, min_delta=0); 0 trains every epoch. */
  earlyStoppingPatience: {
    kind: 'int',
    min: 0,
    max: 10000,
    default: 0,
    label: 'Early stopping patience',
    unit: 'epochs',
    flag: 'patience',
    help: 'Stop once val_loss has not improved for this many epochs in a row (0 = off).',
  },
  restoreBestWeights: {
    kind: 'boolean',
    default: false,
    label: 'Restore best weights',
    help: 'At the end, go back to the weights of the epoch with the lowest val_loss; the views then use those.',
  },
  /** Use at most this many training / validation / evaluation samples (quick runs and tests). */
  trainLimit: { kind: 'int', min: 1, max: 10_000_000, optional: true, label: 'Train limit', unit: 'samples', help: 'Train on at most this many samples (quick runs).' },
  valLimit: { kind: 'int', min: 1, max: 10_000_000, optional: true, label: 'Validation limit', unit: 'samples', help: 'Validate on at most this many samples.' },
  evalLimit: { kind: 'int', min: 1, max: 10_000_000, optional: true, label: 'Evaluation limit', unit: 'samples', help: 'Encode at most this many test samples after training.' },
  backend: { kind: 'enum', options: BACKEND_CHOICES, default: 'auto', label: 'Backend', help: 'tfjs backend for the tfjs engine; auto picks the best that loads.' },
  engine: { kind: 'enum', options: ENGINE_CHOICES, default: 'auto', label: 'Engine', help: 'fused (fast CPU kernels) or tfjs (reference, GPU route); auto prefers fused.' },
} as const satisfies Record<string, ConfigFieldMeta>

export type ConfigKey = keyof typeof RUN_CONFIG_FIELDS

/** Every field's key, in the table's order. */
export const CONFIG_KEYS = Object.keys(RUN_CONFIG_FIELDS) as ConfigKey[]

export function isConfigKey(name: string): name is ConfigKey {
  return Object.hasOwn(RUN_CONFIG_FIELDS, name)
}

/** What a field accepts, worded for the sentence "<key> must be …": "an integer between 1 and 64". */
export function acceptedRange(field: ConfigFieldMeta): string {
  switch (field.kind) {
    case 'int':
      return `an integer between ${field.min} and ${field.max}`
    case 'number':
      return field.exclusiveMin ? `a number greater than ${field.min} and at most ${field.max}` : `a number from ${field.min} to ${field.max}`
    case 'enum':
      return `one of: ${field.options.join(', ')}`
    case 'boolean':
      return 'true or false'
    case 'string':
      return field.accepts
  }
}

/** One field as forms and tables use it: its key, its range sentence and its bounds, whatever its kind. */
export interface ConfigFieldSpec {
  key: ConfigKey
  kind: FieldKind
  label: string
  unit?: string
  help: string
  /** The schema's own statement of what it accepts, e.g. "an integer between 1 and 64". */
  range: string
  /** Numeric bounds (absent for choices, switches and text). */
  min?: number
  max?: number
  /** True where `min` itself is refused ("greater than 0"). */
  exclusiveMin?: boolean
  /** What ↑ / ↓ change a number by: 1 for integers. */
  step?: number
  /** The choices of an enum field. */
  options?: readonly string[]
  /** Optional fields may be left empty (the sample limits: empty means "all"). */
  optional: boolean
}

function specOf(key: ConfigKey): ConfigFieldSpec {
  const field: ConfigFieldMeta = RUN_CONFIG_FIELDS[key]
  const spec: ConfigFieldSpec = { key, kind: field.kind, label: field.label, help: field.help, range: acceptedRange(field), optional: field.optional === true }
  if (field.unit !== undefined) spec.unit = field.unit
  if (field.kind === 'int') return { ...spec, min: field.min, max: field.max, exclusiveMin: false, step: 1 }
  if (field.kind === 'number') return { ...spec, min: field.min, max: field.max, exclusiveMin: field.exclusiveMin === true, step: field.step }
  if (field.kind === 'enum') return { ...spec, options: field.options }
  return spec
}

/** Every field's spec, in the table's order. */
export const CONFIG_FIELD_SPECS: readonly ConfigFieldSpec[] = CONFIG_KEYS.map(specOf)

export function configFieldSpec(key: ConfigKey): ConfigFieldSpec {
  const spec = CONFIG_FIELD_SPECS.find((s) => s.key === key)
  if (!spec) throw new Error(`unknown config field ${key}`)
  return spec
}

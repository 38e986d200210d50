import type { RunConfigInput } from './run-config'

/**
 * Named settings that reproduce a protocol, applied over the defaults and under whatever is given
 * explicitly (`seqvae train --preset reference --seed 3`; the form's preset button).
 */
export interface RunPreset {
  label: string
  /** One sentence: what it sets and where it comes from. */
  description: string
  config: RunConfigInput
}

/**
 * The reference write-up's training protocol, as its Keras script runs it: up to 100 epochs,
 * `EarlyStopping(patience=3)` on val_loss (Keras's default keeps the last weights), and
 * `validation_split=0.1`, which holds out the last 10% of the training images before shuffling.
 * Batch 32 (Keras's default): the post's logged losses match it, not the older script's 64.
 */
export const REFERENCE_PROTOCOL: RunPreset = {
  label: 'Reference protocol',
  description: 'As the write-up trained: up to 100 epochs, early stopping after 3 epochs without a lower val_loss, the last 10% of the images held out.',
  config: {
    epochs: 100,
    earlyStoppingPatience: 3,
    restoreBestWeights: false,
    valSplit: 'tail',
    valFraction: 0.1,
    batchSize: 32,
  },
}

export const RUN_PRESETS = { reference: REFERENCE_PROTOCOL } as const satisfies Record<string, RunPreset>
export type PresetName = keyof typeof RUN_PRESETS

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(RUN_PRESETS, name)
}

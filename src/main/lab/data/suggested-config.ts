import type { DatasetInfo } from '../../../shared/api'
import type { NormalisationKind } from '../../../shared/datasets'

export type SuggestedConfig = DatasetInfo['suggestedConfig']

/**
 * The synthetic sines: at the reference λ 0.01 the KL term outweighs what a 32-value sequence gains
 * from its code and the posterior collapses (every sine decodes to the mean curve); λ 0.001 with a
 * faster Adam step keeps the codes in use within a few epochs.
 */
export const SINE_SUGGESTION: SuggestedConfig = { klWeight: 0.001, learningRate: 0.01 }

/**
 * An imported dataset's likelihood follows its normalisation: z-scored values are unbounded, so
 * they need the Gaussian (linear output, squared error); min-max data lies in [0, 1], where the
 * Bernoulli decoder (the default) fits, and `none` is chosen for data that already does.
 */
export function suggestionForNormalisation(kind: NormalisationKind): SuggestedConfig {
  return kind === 'z-score' ? { likelihood: 'gaussian' } : { likelihood: 'bernoulli' }
}

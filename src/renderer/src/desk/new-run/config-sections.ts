import type { ConfigKey } from '../config/config-field-specs'

/** The new-run form's sections: what is learned from, what learns, what it optimises, how, where. */
export const CONFIG_SECTIONS: readonly { title: string; keys: readonly ConfigKey[] }[] = [
  { title: 'Data', keys: ['dataset', 'valFraction', 'trainLimit', 'valLimit', 'evalLimit'] },
  { title: 'Model', keys: ['cell', 'hiddenUnits', 'latentDim', 'bidirectional'] },
  { title: 'Objective', keys: ['likelihood', 'klWeight', 'klWarmupEpochs'] },
  { title: 'Training', keys: ['epochs', 'batchSize', 'learningRate', 'seed'] },
  { title: 'Execution', keys: ['engine', 'backend'] },
]

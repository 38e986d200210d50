import type { ConfigKey } from '../../../../shared/run-config-fields'

/** The new-run form's sections: what is learned from, what learns, what it optimises, how, where. */
const SECTION_TITLES = ['Data', 'Model', 'Objective', 'Training', 'Execution'] as const
type SectionTitle = (typeof SECTION_TITLES)[number]

/**
 * The section each config field is shown in, in the order shown there. `satisfies` makes this a
 * compile-time check: a field added to RUN_CONFIG_FIELDS fails the build until it is placed here.
 */
const SECTION_OF = {
  dataset: 'Data',
  valFraction: 'Data',
  valSplit: 'Data',
  trainLimit: 'Data',
  valLimit: 'Data',
  evalLimit: 'Data',
  cell: 'Model',
  hiddenUnits: 'Model',
  latentDim: 'Model',
  bidirectional: 'Model',
  likelihood: 'Objective',
  klWeight: 'Objective',
  klWarmupEpochs: 'Objective',
  epochs: 'Training',
  earlyStoppingPatience: 'Training',
  restoreBestWeights: 'Training',
  batchSize: 'Training',
  learningRate: 'Training',
  seed: 'Training',
  engine: 'Execution',
  backend: 'Execution',
} as const satisfies Record<ConfigKey, SectionTitle>

const placed = Object.keys(SECTION_OF) as ConfigKey[]

export const CONFIG_SECTIONS: readonly { title: SectionTitle; keys: readonly ConfigKey[] }[] = SECTION_TITLES.map((title) => ({
  title,
  keys: placed.filter((key) => SECTION_OF[key] === title),
}))

/** Every field in form order (section by section), e.g. for listing what a clone changed. */
export const FORM_ORDER: readonly ConfigKey[] = CONFIG_SECTIONS.flatMap((section) => section.keys)

/** The views inside a run, in the order they are shown; the route's `:tab` is one of their keys. */
export const RUN_TABS = [
  { key: 'overview', label: 'Overview' },
  { key: 'reconstructions', label: 'Reconstructions' },
  { key: 'generation', label: 'Generation' },
  { key: 'latent', label: 'Latent space' },
  { key: 'normality', label: 'Normality' },
  { key: 'anomalies', label: 'Anomalies' },
] as const

export type RunTab = (typeof RUN_TABS)[number]['key']

/** The tab a route parameter names; anything else (absent, mistyped) is the overview. */
export function runTabOf(param: string | undefined): RunTab {
  return RUN_TABS.find((t) => t.key === param)?.key ?? 'overview'
}

/** Every shortcut, for the `?` overlay; each page and view binds its own with useShortcuts. */
export const SHORTCUTS: readonly { keys: string; action: string; where: string }[] = [
  { keys: 'n', action: 'New run', where: 'anywhere' },
  { keys: 'r', action: 'Runs', where: 'anywhere' },
  { keys: 'w', action: 'Workers', where: 'anywhere' },
  { keys: '?', action: 'Show these shortcuts', where: 'anywhere' },
  { keys: '/', action: 'Focus the filter', where: 'Runs' },
  { keys: 'c', action: 'Compare the selected runs', where: 'Runs' },
  { keys: 'a', action: 'Select every run the filter shows', where: 'Runs' },
  { keys: 'Esc', action: 'Clear the selection', where: 'Runs' },
  { keys: 'l', action: 'Toggle log scale', where: 'Compare' },
  { keys: 'd', action: 'Toggle "only differences"', where: 'Compare' },
  { keys: 'g', action: 'Toggle "group seeds" (replicates as one mean curve in a band)', where: 'Compare' },
  { keys: 'Shift + click', action: 'Select a range of runs', where: 'Runs' },
  { keys: '↑ / ↓', action: 'Step a number field by its step', where: 'New run' },
  { keys: '← / →', action: 'Previous / next page of samples', where: 'Run · Reconstructions' },
  { keys: 'r', action: 'Re-roll the prior samples', where: 'Run · Generation' },
  { keys: '← / →', action: 'Lower / raise the threshold one score', where: 'Run · Anomalies' },
]

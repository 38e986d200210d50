import type { ChartColors } from './theme-colors'

/** The y axis of a histogram of samples: whole counts, named "samples", with light grid lines. */
export function sampleCountAxis(colors: ChartColors) {
  return {
    type: 'value' as const,
    name: 'samples',
    minInterval: 1,
    nameTextStyle: { color: colors.textMuted, align: 'left' as const },
    axisLabel: { color: colors.textMuted },
    splitLine: { lineStyle: { color: colors.border } },
  }
}

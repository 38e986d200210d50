import type { ECharts } from 'echarts'

/**
 * Emphasises one series (fading the rest) or none. Everything is downplayed first: after the
 * option is rebuilt, ECharts can keep other series faded while forgetting which one was emphasised,
 * and a downplay of that one alone would then leave the chart dimmed.
 */
export function highlightSeries(chart: ECharts | null, seriesId: string | null): void {
  if (!chart) return
  chart.dispatchAction({ type: 'downplay' })
  if (seriesId !== null) chart.dispatchAction({ type: 'highlight', seriesId })
}

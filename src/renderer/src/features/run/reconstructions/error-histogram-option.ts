import type { ErrorHistogram } from '../../../../../shared/run-views'
import { sampleCountAxis } from '../../../lib/charts/sample-count-axis'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { binRange } from './histogram-bins'

export interface ErrorHistogramView {
  histogram: ErrorHistogram
  /** The bin of the selected sample, marked; null for none. */
  selectedBin: number | null
  /** Name of the label filter's class when one is active: its counts are drawn over all samples'. */
  filterName: string | null
}

/**
 * Bars of the error distribution over all evaluated samples, the filtered class's bars in front
 * when a label filter is on, and the selected sample's bin in the danger colour with a marker.
 */
export function errorHistogramOption(view: ErrorHistogramView, colors: ChartColors): ChartOption {
  const { histogram, selectedBin, filterName } = view
  const bins = Array.from(histogram.counts, (_, i) => binRange(histogram.edges, i))
  const bar = (counts: Int32Array, color: string, name: string, opacity = 1) => ({
    type: 'bar' as const,
    name,
    barGap: '-100%',
    barCategoryGap: '8%',
    // The series colour is what the legend shows; only the selected bin differs.
    itemStyle: { color, opacity },
    data: Array.from(counts, (count, i) => (i === selectedBin ? { value: count, itemStyle: { color: colors.danger, opacity: 1 } } : count)),
  })
  // With a filter, all samples are the muted backdrop of the class's own bars.
  const series = [filterName ? bar(histogram.counts, colors.textMuted, 'all samples', 0.35) : bar(histogram.counts, colors.accent, 'all samples')]
  if (filterName) series.push(bar(histogram.matchingCounts, colors.accent, filterName))
  const last = series[series.length - 1] as ReturnType<typeof bar> & { markLine?: object }
  if (selectedBin !== null && selectedBin >= 0) {
    last.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: colors.danger, type: 'dashed' },
      // The panel's description names the bin; a label here would collide with the axis name.
      label: { show: false },
      data: [{ xAxis: bins[selectedBin] }],
    }
  }
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 8, right: 16, top: 44, bottom: 28, containLabel: true },
    legend: filterName ? { top: 0, right: 0, textStyle: { color: colors.textMuted, fontSize: 11 } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: bins,
      name: `${histogram.metric.toUpperCase()} per sample`,
      nameLocation: 'middle',
      nameGap: 30,
      nameTextStyle: { color: colors.textMuted },
      axisLabel: { color: colors.textMuted, formatter: (value: string) => value.split('–')[0], hideOverlap: true },
      axisLine: { lineStyle: { color: colors.border } },
      axisTick: { alignWithLabel: true },
    },
    yAxis: sampleCountAxis(colors),
    series,
  }
}

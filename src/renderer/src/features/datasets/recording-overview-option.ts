import { isDateTimeFormat, type RecordingSummary, type TimeSpan } from '../../../../shared/recordings'
import type { ChartColors } from '../../lib/charts/theme-colors'
import type { ChartOption } from '../../lib/charts/use-chart'

export interface RecordingOverview {
  recording: RecordingSummary
  featureNames: string[]
}

/**
 * The whole recording (every n-th timestamp, in the file's units) with the parts a default run
 * uses shaded: training, validation and evaluation, and the one-window gaps left between them.
 */
export function recordingOverviewOption(view: RecordingOverview, colors: ChartColors): ChartOption {
  const { overview, timeFormat, layout, defaultSplit } = view.recording
  const features = view.featureNames.length
  const at = (i: number) => overview.times[Math.min(overview.times.length - 1, Math.floor(i / overview.every))]
  const area = (name: string, s: TimeSpan, color: string) => [{ name, xAxis: at(s.from), itemStyle: { color, opacity: 0.13 } }, { xAxis: at(s.to - 1) }]
  const parts = [area('training', defaultSplit.train, colors.accent), area('validation', defaultSplit.val, colors.ok), area('evaluation', layout.test, colors.danger)]
  const series = Array.from({ length: Math.min(features, 4) }, (_, f) => ({
    type: 'line' as const,
    name: view.featureNames[f],
    showSymbol: false,
    color: colors.series[f % colors.series.length],
    lineStyle: { width: 1 },
    data: Array.from(overview.times, (t, i) => [t, overview.values[i * features + f]]),
    markArea:
      f === 0
        ? { silent: true, label: { show: true, position: 'insideTop' as const, color: colors.textMuted, fontSize: 11 }, data: parts as never }
        : undefined,
  }))
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { top: 0, left: 0, textStyle: { color: colors.textMuted, fontSize: 11 }, itemWidth: 14, itemHeight: 8 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v)) },
    grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
    xAxis: {
      type: isDateTimeFormat(timeFormat) ? 'time' : 'value',
      min: overview.times[0],
      max: overview.times[overview.times.length - 1],
      axisLabel: { color: colors.textMuted, hideOverlap: true },
      axisLine: { lineStyle: { color: colors.border } },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { color: colors.textMuted }, splitLine: { lineStyle: { color: colors.border } } },
    series,
  }
}

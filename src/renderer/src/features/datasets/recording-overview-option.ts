import { isDateTimeFormat, type RecordingSummary, type TimeSpan } from '../../../../shared/recordings'
import type { ChartColors } from '../../lib/charts/theme-colors'
import type { ChartOption } from '../../lib/charts/use-chart'

export interface RecordingOverview {
  recording: RecordingSummary
  featureNames: string[]
}

/** Height of the overview chart: a band per feature (features in different units never share an axis). */
export function recordingOverviewHeight(view: RecordingOverview): number {
  return 44 + 86 * shownFeatures(view)
}

const shownFeatures = (view: RecordingOverview) => Math.min(view.featureNames.length, 4)
const BAND = 86
const TOP = 28

/**
 * The whole recording (every n-th timestamp, in the file's units), one band per feature on its own
 * axis (temperature around 20 and pressure around 1000 would flatten each other on one), with the
 * parts a default run uses shaded: training, validation and evaluation, and the one-window gaps
 * left between them.
 */
export function recordingOverviewOption(view: RecordingOverview, colors: ChartColors): ChartOption {
  const { overview, timeFormat, layout, defaultSplit } = view.recording
  const features = view.featureNames.length
  const shown = shownFeatures(view)
  const at = (i: number) => overview.times[Math.min(overview.times.length - 1, Math.floor(i / overview.every))]
  const area = (name: string, s: TimeSpan, color: string) => [{ name, xAxis: at(s.from), itemStyle: { color, opacity: 0.13 } }, { xAxis: at(s.to - 1) }]
  const parts = [area('training', defaultSplit.train, colors.accent), area('validation', defaultSplit.val, colors.ok), area('evaluation', layout.test, colors.danger)]
  const bands = Array.from({ length: shown }, (_, f) => f)
  const series = bands.map((f) => ({
    type: 'line' as const,
    name: view.featureNames[f],
    xAxisIndex: f,
    yAxisIndex: f,
    showSymbol: false,
    color: colors.series[f % colors.series.length],
    lineStyle: { width: 1 },
    data: Array.from(overview.times, (t, i) => [t, overview.values[i * features + f]]),
    markArea: {
      silent: true,
      // The parts are named once, in the top band.
      label: { show: f === 0, position: 'insideTop' as const, color: colors.textMuted, fontSize: 11 },
      data: parts as never,
    },
  }))
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { top: 0, left: 0, textStyle: { color: colors.textMuted, fontSize: 11 }, itemWidth: 14, itemHeight: 8 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v)) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: bands.map((f) => ({ left: 8, right: 16, top: TOP + f * BAND, height: BAND - 22, containLabel: true })),
    xAxis: bands.map((f) => ({
      gridIndex: f,
      type: isDateTimeFormat(timeFormat) ? ('time' as const) : ('value' as const),
      min: overview.times[0],
      max: overview.times[overview.times.length - 1],
      // Time labels under the last band only; the bands above share its axis.
      axisLabel: { show: f === shown - 1, color: colors.textMuted, hideOverlap: true },
      axisTick: { show: f === shown - 1 },
      axisLine: { lineStyle: { color: colors.border } },
      splitLine: { show: false },
    })),
    yAxis: bands.map((f) => ({
      gridIndex: f,
      type: 'value' as const,
      scale: true,
      splitNumber: 2,
      axisLabel: { color: colors.textMuted, fontSize: 10 },
      splitLine: { lineStyle: { color: colors.border } },
    })),
    series,
  }
}

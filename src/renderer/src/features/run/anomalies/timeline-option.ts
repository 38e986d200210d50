import type { FlaggedSpan } from '../../../../../shared/flagged-spans'
import { formatRecordingTime, isDateTimeFormat, type RecordingTimeline } from '../../../../../shared/recordings'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'

/** Features drawn on the timeline at most; the rest are named in the panel, not drawn. */
export const MAX_TIMELINE_FEATURES = 4

export interface TimelineView {
  timeline: RecordingTimeline
  scores: Float32Array
  scoreName: string
  threshold: number
  spans: FlaggedSpan[]
  /** The time range shown, or null for the whole evaluation span. */
  zoom: { from: number; to: number } | null
}

/**
 * The recording over its own time axis (top) and the per-timestamp score under it (bottom), one
 * zoom for both; the threshold is a dashed line on the score, and every flagged span is shaded
 * across both, so what the model flagged sits over what the recording did.
 */
export function timelineOption(view: TimelineView, colors: ChartColors): ChartOption {
  const { timeline, scores } = view
  const { times, values, featureNames } = timeline
  const features = featureNames.length
  const dates = isDateTimeFormat(timeline.timeFormat)
  const drawn = Math.min(features, MAX_TIMELINE_FEATURES)
  // Half a step either side, so a span of one timestamp is still a visible band.
  const half = times.length > 1 ? (times[times.length - 1] - times[0]) / (times.length - 1) / 2 : 0.5
  const shaded = view.spans.map((s) => [{ xAxis: times[s.from] - half }, { xAxis: times[s.to - 1] + half }] as [{ xAxis: number }, { xAxis: number }])
  const area = { silent: true, itemStyle: { color: colors.danger, opacity: 0.14 }, data: shaded }
  const axis = (gridIndex: number, showLabels: boolean) => ({
    type: dates ? ('time' as const) : ('value' as const),
    gridIndex,
    min: times[0],
    max: times[times.length - 1],
    axisLabel: { show: showLabels, color: colors.textMuted, hideOverlap: true, formatter: dates ? undefined : (v: number) => String(Number(v.toPrecision(6))) },
    axisLine: { lineStyle: { color: colors.border } },
    splitLine: { show: false },
  })
  // Each feature in its own band with its own axis: features in different units (20 °C, 1000 hPa)
  // would flatten each other on one axis. The score's band is the last.
  const band = 54 / drawn
  const grids = Array.from({ length: drawn }, (_, f) => ({ left: 8, right: 16, top: `${6 + f * band}%`, height: `${band - 3}%`, containLabel: true }))
  const recordingSeries = Array.from({ length: drawn }, (_, f) => ({
    type: 'line' as const,
    name: featureNames[f],
    xAxisIndex: f,
    yAxisIndex: f,
    showSymbol: false,
    sampling: 'lttb' as const,
    color: colors.series[f % colors.series.length],
    lineStyle: { width: 1 },
    data: Array.from(times, (t, i) => [t, values[i * features + f]]),
    markArea: area,
  }))
  const scoreSeries = {
    type: 'line' as const,
    name: view.scoreName,
    xAxisIndex: drawn,
    yAxisIndex: drawn,
    showSymbol: false,
    sampling: 'lttb' as const,
    color: colors.text,
    lineStyle: { width: 1 },
    data: Array.from(times, (t, i) => [t, scores[i]]),
    markLine: { silent: true, symbol: 'none', lineStyle: { color: colors.danger, type: 'dashed' as const }, data: [{ yAxis: view.threshold }], label: { show: false } },
    markArea: area,
  }
  const zoom = view.zoom ? { startValue: view.zoom.from, endValue: view.zoom.to } : { start: 0, end: 100 }
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { top: 0, left: 0, textStyle: { color: colors.textMuted, fontSize: 11 }, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v)),
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [...grids, { left: 8, right: 16, top: '63%', bottom: 52, containLabel: true }],
    xAxis: [
      ...grids.map((_, f) => axis(f, false)),
      { ...axis(drawn, true), axisPointer: { label: { formatter: (p: { value: unknown }) => formatRecordingTime(Number(p.value), timeline.timeFormat) } } },
    ],
    yAxis: [
      ...grids.map((_, f) => ({ type: 'value' as const, gridIndex: f, scale: true, splitNumber: 2, axisLabel: { color: colors.textMuted, fontSize: 10 }, splitLine: { lineStyle: { color: colors.border } } })),
      { type: 'value', gridIndex: drawn, axisLabel: { color: colors.textMuted }, splitLine: { lineStyle: { color: colors.border } } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: 'all', filterMode: 'none', ...zoom },
      { type: 'slider', xAxisIndex: 'all', filterMode: 'none', bottom: 8, height: 20, ...zoom, labelFormatter: (v: number) => formatRecordingTime(v, timeline.timeFormat) },
    ],
    series: [...recordingSeries, scoreSeries],
  }
}

/** The time range a click on a span zooms to: the span with as much again on each side (at least a few timestamps). */
export function zoomAround(span: FlaggedSpan, times: Float64Array): { from: number; to: number } {
  const pad = Math.max(8, span.to - span.from)
  return { from: times[Math.max(0, span.from - pad)], to: times[Math.min(times.length - 1, span.to - 1 + pad)] }
}

import { sampleCountAxis } from '../../../lib/charts/sample-count-axis'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { formatNumber } from '../../../lib/format/number-format'
import type { ScoreHistogram } from './score-histogram'

export interface ScoreHistogramView {
  histogram: ScoreHistogram
  scoreName: string
  /** The picked threshold, drawn as a vertical line; null when there is none to pick. */
  threshold: number | null
}

/**
 * Stacked bars of the scores on a value axis (so the threshold line sits at its exact value):
 * normal samples in the accent colour, anomalies in the danger colour, unlabelled ones muted.
 */
export function scoreHistogramOption(view: ScoreHistogramView, colors: ChartColors): ChartOption {
  const { edges } = view.histogram
  const centres = edges.slice(0, -1).map((e, i) => (e + edges[i + 1]) / 2)
  const bars = (counts: number[], name: string, color: string) => ({
    type: 'bar' as const,
    name,
    stack: 'scores',
    barWidth: '96%',
    color,
    data: counts.map((c, i) => [centres[i], c]),
  })
  const series = [
    bars(view.histogram.normal, 'normal', colors.accent),
    bars(view.histogram.anomalous, 'anomalous', colors.danger),
    bars(view.histogram.unlabelled, 'unlabelled', colors.textMuted),
  ].filter((s) => s.data.some(([, c]) => c > 0))
  const top = series[series.length - 1] as (typeof series)[number] & { markLine?: object }
  if (view.threshold !== null && top) {
    top.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: colors.text, type: 'dashed', width: 1.5 },
      label: { formatter: `≥ ${formatNumber(view.threshold)}`, color: colors.text, position: 'end' },
      data: [{ xAxis: view.threshold }],
    }
  }
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: colors.textMuted, fontSize: 11 } },
    grid: { left: 8, right: 16, top: 36, bottom: 30, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = params as unknown as { seriesName: string; value: [number, number]; dataIndex: number }[]
        const i = list[0]?.dataIndex ?? 0
        const head = `${formatNumber(edges[i])}–${formatNumber(edges[i + 1])}`
        return [head, ...list.map((p) => `${p.seriesName}: ${p.value[1]}`)].join('<br>')
      },
    },
    xAxis: {
      type: 'value',
      name: view.scoreName,
      nameLocation: 'middle',
      nameGap: 26,
      min: edges[0],
      max: edges[edges.length - 1],
      axisLabel: { color: colors.textMuted, formatter: (v: number) => formatNumber(v), hideOverlap: true },
      nameTextStyle: { color: colors.textMuted },
      axisLine: { lineStyle: { color: colors.border } },
      splitLine: { show: false },
    },
    yAxis: sampleCountAxis(colors),
    series,
  }
}

import type { ChartColors } from '../../lib/charts/theme-colors'
import type { ChartOption } from '../../lib/charts/use-chart'
import type { EpochChartSpec } from './epoch-chart-spec'

/**
 * The option of a small chart of values over epochs: one colour per line in the series palette
 * (faint lines in the muted text colour), a legend when there is more than one line, and the
 * axis starting at epoch 0 or 1 as the data does so a two-epoch run still reads as a trend.
 */
export function epochLineOption(spec: EpochChartSpec, colors: ChartColors): ChartOption {
  const solid = spec.lines.filter((l) => !l.faint)
  const xs = spec.lines.flatMap((l) => l.points.map((p) => p[0]))
  const maxEpoch = xs.length > 0 ? Math.max(1, Math.ceil(Math.max(...xs))) : 1
  return {
    animation: false,
    textStyle: { color: colors.text },
    title: { text: spec.title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: colors.text } },
    // Under the title, scrolling when there are many units: beside it they collide.
    legend:
      spec.lines.length > 1
        ? { type: 'scroll', top: 20, left: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: colors.textMuted, fontSize: 11 }, data: spec.lines.map((l) => l.name) }
        : undefined,
    grid: { left: 8, right: 12, top: 68, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v)) },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameLocation: 'middle',
      nameGap: 22,
      min: xs.some((x) => x < 1) ? 0 : 1,
      max: maxEpoch,
      minInterval: 1,
      axisLabel: { color: colors.textMuted },
      nameTextStyle: { color: colors.textMuted },
      axisLine: { lineStyle: { color: colors.border } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: spec.yName,
      scale: true,
      minInterval: spec.integer ? 1 : undefined,
      nameTextStyle: { color: colors.textMuted, align: 'left' },
      axisLabel: { color: colors.textMuted },
      splitLine: { lineStyle: { color: colors.border } },
    },
    series: spec.lines.map((line) => ({
      type: 'line',
      name: line.name,
      data: line.points,
      showSymbol: !line.faint && line.points.length <= 40,
      symbolSize: 5,
      z: line.faint ? 1 : 2,
      color: line.faint ? colors.textMuted : colors.series[solid.indexOf(line) % colors.series.length],
      lineStyle: { width: line.faint ? 1 : 2, opacity: line.faint ? 0.45 : 1, type: line.dashed ? 'dashed' : 'solid' },
      markLine:
        spec.reference && line === spec.lines[0]
          ? {
              silent: true,
              symbol: 'none',
              label: { formatter: spec.reference.label, color: colors.textMuted, position: 'insideEndTop' },
              lineStyle: { color: colors.textMuted, type: 'dotted' },
              data: [{ yAxis: spec.reference.value }],
            }
          : undefined,
    })),
  }
}

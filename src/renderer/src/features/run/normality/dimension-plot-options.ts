import type { DimensionPlot } from '../../../../../shared/latent-diagnostics'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { binCentres, expectedCountCurve } from './normal-reference'

type Range = { min?: number; max?: number }

/** Title, legend, grid and value axes shared by the per-dimension plots. */
function frame(colors: ChartColors, title: string, x: { name: string } & Range, y: { name: string } & Range) {
  const label = { color: colors.textMuted }
  return {
    animation: false,
    textStyle: { color: colors.text },
    title: { text: title, left: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 600 as const, color: colors.text } },
    // Legend under the title: side by side they collide in a narrow chart.
    grid: { left: 8, right: 12, top: 58, bottom: 26, containLabel: true },
    legend: { top: 18, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: colors.textMuted, fontSize: 11 } },
    xAxis: { type: 'value' as const, nameLocation: 'middle' as const, nameGap: 24, nameTextStyle: label, axisLabel: label, axisLine: { lineStyle: { color: colors.border } }, splitLine: { show: false }, ...x },
    yAxis: { type: 'value' as const, nameTextStyle: { ...label, align: 'left' as const }, axisLabel: label, splitLine: { lineStyle: { color: colors.border } }, ...y },
  }
}

/** Histogram of a dimension's z_mean with the N(0, 1) density, as expected counts, drawn over it. */
export function histogramOption(plot: DimensionPlot, colors: ChartColors): ChartOption {
  const { edges, counts } = plot.histogram
  const name = `z${plot.dim + 1}`
  return {
    ...frame(colors, `${name}: histogram`, { name, min: edges[0], max: edges[edges.length - 1] }, { name: 'codes' }),
    tooltip: { trigger: 'axis' },
    series: [
      { type: 'bar', name: 'codes', data: binCentres(edges, counts), barWidth: '95%', itemStyle: { color: colors.accent, opacity: 0.75 } },
      { type: 'line', name: 'N(0, 1)', data: expectedCountCurve(edges, counts), showSymbol: false, lineStyle: { color: colors.danger, width: 2 }, itemStyle: { color: colors.danger } },
    ],
  }
}

/** Sample quantiles against N(0, 1) quantiles on equal axes: codes distributed as N(0, 1) lie on the diagonal. */
export function qqOption(plot: DimensionPlot, colors: ChartColors): ChartOption {
  const { theoretical, sample } = plot.qq
  const all = [...theoretical, ...sample].filter(Number.isFinite)
  const range = { min: Math.floor(Math.min(...all)), max: Math.ceil(Math.max(...all)) }
  return {
    ...frame(colors, `z${plot.dim + 1}: Q-Q against N(0, 1)`, { name: 'N(0, 1) quantile', ...range }, { name: 'code quantile', ...range }),
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'line',
        name: 'N(0, 1)',
        data: [
          [range.min, range.min],
          [range.max, range.max],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: colors.danger, type: 'dashed', width: 1.5 },
        itemStyle: { color: colors.danger },
      },
      { type: 'scatter', name: 'codes', data: theoretical.map((t, i) => [t, sample[i]]), symbolSize: 4, itemStyle: { color: colors.accent } },
    ],
  }
}

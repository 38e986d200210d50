import type { DatasetDetail } from '../../../../shared/datasets'
import type { ChartColors } from '../../lib/charts/theme-colors'
import type { ChartOption } from '../../lib/charts/use-chart'
import { classLabel } from '../../ui/sequence/class-names'

export interface FeaturePreview {
  preview: DatasetDetail['preview']
  classNames: string[] | null
  feature: number
  featureName: string
}

/**
 * One feature of a dataset's preview series in the file's own units: a line per series over the
 * steps, coloured by class (one legend entry per class), muted where the series has no label.
 */
export function featurePreviewOption(view: FeaturePreview, colors: ChartColors): ChartOption {
  const { preview, feature } = view
  const series = Array.from({ length: preview.count }, (_, i) => {
    const label = preview.labels[i]
    const points: [number, number][] = []
    for (let s = 0; s < preview.steps; s++) points.push([s, preview.data[(i * preview.steps + s) * preview.features + feature]])
    return {
      type: 'line' as const,
      name: label < 0 ? 'unlabelled' : classLabel(label, view.classNames),
      data: points,
      showSymbol: false,
      color: label < 0 ? colors.textMuted : colors.series[label % colors.series.length],
      lineStyle: { width: 1.25, opacity: 0.85 },
      emphasis: { focus: 'series' as const },
    }
  })
  const names = [...new Set(series.map((s) => s.name))]
  return {
    animation: false,
    textStyle: { color: colors.text },
    title: { text: view.featureName, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: colors.text } },
    legend: names.length > 1 || names[0] !== 'unlabelled' ? { type: 'scroll', top: 0, right: 0, left: 120, itemWidth: 14, itemHeight: 8, textStyle: { color: colors.textMuted, fontSize: 11 }, data: names } : undefined,
    grid: { left: 8, right: 12, top: 32, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v)) },
    xAxis: {
      type: 'value',
      name: 'step',
      nameLocation: 'middle',
      nameGap: 22,
      min: 0,
      max: Math.max(1, preview.steps - 1),
      minInterval: 1,
      axisLabel: { color: colors.textMuted },
      nameTextStyle: { color: colors.textMuted },
      axisLine: { lineStyle: { color: colors.border } },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { color: colors.textMuted }, splitLine: { lineStyle: { color: colors.border } } },
    series,
  }
}

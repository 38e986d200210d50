import type { SequenceBatch } from '../../../../../shared/api'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { formatNumber } from '../../../lib/format/number-format'

/** Most features drawn in the input-vs-reconstruction chart; a person cannot read more lines at once. */
export const MAX_SAMPLE_FEATURES = 4

export interface SampleSeriesView {
  input: SequenceBatch
  reconstruction: SequenceBatch
  /** The per-step part of the anomaly score, one value per step. */
  stepScores: ArrayLike<number>
  scoreName: string
  featureNames: readonly string[] | null
}

/** Pixel layout of the chart: legend on top, one band per drawn feature, the per-step scores at the bottom. */
const LEGEND = 30
const FEATURE_BAND = 96
const GAP = 16
const SCORE_BAND = 64
const AXIS = 30

/** The chart's height for a sample of this many features. */
export function sampleChartHeight(features: number): number {
  return LEGEND + Math.min(features, MAX_SAMPLE_FEATURES) * (FEATURE_BAND + GAP) + SCORE_BAND + AXIS
}

/**
 * Where the model was surprised: per feature (each on its own value axis, since features keep
 * their own units) the input (solid) and its reconstruction (dashed), and the per-step score as
 * bars underneath on the same steps, so a spike in one lines up with the gap in the other.
 */
export function sampleSeriesOption(view: SampleSeriesView, colors: ChartColors): ChartOption {
  const { input, reconstruction } = view
  const steps = Array.from({ length: input.steps }, (_, s) => s)
  const features = Math.min(input.features, MAX_SAMPLE_FEATURES)
  const valueAt = (batch: SequenceBatch, s: number, f: number) => batch.data[s * batch.features + f]
  const name = (f: number) => view.featureNames?.[f] ?? (input.features === 1 ? 'value' : `feature ${f + 1}`)
  const bands = features + 1
  const grid = Array.from({ length: bands }, (_, b) => ({
    left: 8,
    right: 12,
    top: LEGEND + b * (FEATURE_BAND + GAP),
    height: b < features ? FEATURE_BAND : SCORE_BAND,
    containLabel: true,
  }))
  const xAxis = grid.map((_, b) => ({
    type: 'value' as const,
    gridIndex: b,
    min: 0,
    max: Math.max(1, input.steps - 1),
    minInterval: 1,
    name: b === bands - 1 ? 'step' : undefined,
    nameLocation: 'middle' as const,
    nameGap: 22,
    axisLabel: { color: colors.textMuted, show: b === bands - 1 },
    nameTextStyle: { color: colors.textMuted },
    axisLine: { lineStyle: { color: colors.border } },
    splitLine: { show: false },
  }))
  const yAxis = grid.map((_, b) => ({
    type: 'value' as const,
    gridIndex: b,
    scale: b < features,
    splitNumber: b < features ? 3 : 2,
    // Features keep the axis's own labels (a file's units can be 1,005 apart in 5s); scores are short.
    axisLabel: { color: colors.textMuted, formatter: b < features ? undefined : (v: number) => formatNumber(v, 2) },
    splitLine: { lineStyle: { color: colors.border } },
  }))
  const lines = Array.from({ length: features }, (_, f) => {
    const color = colors.series[f % colors.series.length]
    const line = (batch: SequenceBatch, what: string, dashed: boolean) => ({
      type: 'line' as const,
      name: `${name(f)} ${what}`,
      data: steps.map((s) => [s, valueAt(batch, s, f)]),
      showSymbol: false,
      color,
      lineStyle: { width: dashed ? 1.5 : 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
      xAxisIndex: f,
      yAxisIndex: f,
    })
    return [line(input, 'input', false), line(reconstruction, 'reconstruction', true)]
  }).flat()
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 16, itemHeight: 8, textStyle: { color: colors.textMuted, fontSize: 11 } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, 4) : String(v)) },
    grid,
    xAxis,
    yAxis,
    series: [
      ...lines,
      {
        type: 'bar',
        name: `${view.scoreName} per step`,
        data: steps.map((s) => [s, view.stepScores[s]]),
        color: colors.danger,
        barWidth: '70%',
        xAxisIndex: features,
        yAxisIndex: features,
      },
    ],
  }
}

import type { AnomalyCurves } from '../../../../../shared/anomaly-report'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { formatNumber } from '../../../lib/format/number-format'
import { anomalyShare, markersAt, precisionRecallPoints, rocPoints } from './curve-points'

/** A detector's curves and the threshold point the picker is on. */
export interface CurvesAtPoint {
  curves: AnomalyCurves
  k: number
}

interface CurveSpec {
  title: string
  xName: string
  yName: string
  points: [number, number][]
  marker: [number, number]
  /** What a detector without skill draws: the diagonal for ROC, the anomaly share for PR. */
  chance: [number, number][]
  chanceLabel: string
}

function curveOption(spec: CurveSpec, colors: ChartColors): ChartOption {
  const axis = (name: string, nameGap: number) => ({
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap,
    min: 0,
    max: 1,
    interval: 0.25,
    axisLabel: { color: colors.textMuted },
    nameTextStyle: { color: colors.textMuted },
    axisLine: { lineStyle: { color: colors.border } },
    splitLine: { lineStyle: { color: colors.border } },
  })
  return {
    animation: false,
    textStyle: { color: colors.text },
    title: { text: spec.title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: colors.text } },
    grid: { left: 14, right: 14, top: 34, bottom: 34, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const [x, y] = (p as unknown as { value: [number, number] }).value
        return `${spec.xName} ${formatNumber(x)} · ${spec.yName} ${formatNumber(y)}`
      },
    },
    xAxis: axis(spec.xName, 26),
    // Clear of the tick labels ("0.75") on the left.
    yAxis: axis(spec.yName, 38),
    series: [
      {
        type: 'line',
        name: spec.chanceLabel,
        data: spec.chance,
        showSymbol: false,
        silent: true,
        color: colors.textMuted,
        lineStyle: { type: 'dashed', width: 1 },
      },
      { type: 'line', name: spec.title, data: spec.points, showSymbol: false, step: false, color: colors.accent, lineStyle: { width: 2 } },
      {
        type: 'scatter',
        name: 'threshold',
        data: [spec.marker],
        symbolSize: 11,
        z: 5,
        itemStyle: { color: colors.danger, borderColor: colors.surface, borderWidth: 2 },
      },
    ],
  }
}

/** ROC: true-positive rate over false-positive rate, AUC in the title, the threshold's point marked. */
export function rocOption({ curves, k }: CurvesAtPoint, colors: ChartColors): ChartOption {
  return curveOption(
    {
      title: `ROC · AUC ${formatNumber(curves.rocAuc, 3)}`,
      xName: 'false-positive rate',
      yName: 'true-positive rate',
      points: rocPoints(curves),
      marker: markersAt(curves, k).roc,
      chance: [
        [0, 0],
        [1, 1],
      ],
      chanceLabel: 'chance',
    },
    colors,
  )
}

/** Precision over recall, average precision in the title, the share of anomalies as the chance line. */
export function precisionRecallOption({ curves, k }: CurvesAtPoint, colors: ChartColors): ChartOption {
  const share = anomalyShare(curves)
  return curveOption(
    {
      title: `Precision–recall · AP ${formatNumber(curves.averagePrecision, 3)}`,
      xName: 'recall',
      yName: 'precision',
      points: precisionRecallPoints(curves),
      marker: markersAt(curves, k).pr,
      chance: [
        [0, share],
        [1, share],
      ],
      chanceLabel: 'anomaly share',
    },
    colors,
  )
}

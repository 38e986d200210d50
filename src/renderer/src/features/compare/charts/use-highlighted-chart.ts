import { watch, type Ref } from 'vue'
import type { RunId } from '../../../../../shared/api'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import { useChart, type ChartOption } from '../../../lib/charts/use-chart'
import { highlightSeries } from './series-highlight'

/**
 * A comparison chart whose series are runs: rebuilt when its data changes, and with the run the
 * user points at in the table (`highlighted`) emphasised — series ids are `${prefix}:${runId}`.
 */
export function useHighlightedChart(
  element: Ref<HTMLElement | null>,
  build: (colors: ChartColors) => ChartOption,
  data: () => unknown[],
  highlighted: () => RunId | null,
  prefix: string,
) {
  const { chart, refresh } = useChart(element, build)
  const emphasise = () => {
    const id = highlighted()
    highlightSeries(chart.value, id === null ? null : `${prefix}:${id}`)
  }
  watch(data, () => {
    refresh()
    emphasise()
  })
  watch(highlighted, emphasise)
  return { chart }
}

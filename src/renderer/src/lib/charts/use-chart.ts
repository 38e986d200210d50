import * as echarts from 'echarts'
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { chartColors, type ChartColors } from './theme-colors'
import { useTheme } from '../theme'

export type ChartOption = echarts.EChartsOption

/**
 * An ECharts instance bound to an element: created on mount, resized with its box, rebuilt in the
 * theme's colours when the theme changes, disposed on unmount. `build` turns the colours into the
 * chart's option; call `refresh()` when the data behind it changes.
 */
export function useChart(element: Ref<HTMLElement | null>, build: (colors: ChartColors) => ChartOption) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null
  const { theme } = useTheme()
  const media = window.matchMedia('(prefers-color-scheme: dark)')

  const refresh = () => chart.value?.setOption(build(chartColors()), { notMerge: true })
  const onSystemTheme = () => refresh()

  onMounted(() => {
    if (!element.value) return
    chart.value = echarts.init(element.value, undefined, { renderer: 'canvas' })
    refresh()
    observer = new ResizeObserver(() => chart.value?.resize())
    observer.observe(element.value)
    media.addEventListener('change', onSystemTheme)
  })
  watch(theme, () => requestAnimationFrame(refresh))
  onBeforeUnmount(() => {
    observer?.disconnect()
    media.removeEventListener('change', onSystemTheme)
    chart.value?.dispose()
    chart.value = null
  })

  return { chart, refresh }
}

/** Chart colours resolved from the theme's CSS variables (canvas needs real colours, not `light-dark()`). */
export interface ChartColors {
  text: string
  textMuted: string
  border: string
  surface: string
  accent: string
  danger: string
  ok: string
  /** Ten distinguishable series colours (digit classes, compared runs), readable on the surface. */
  series: string[]
}

const SERIES = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac']

function resolve(variable: string): string {
  const probe = document.createElement('span')
  probe.style.color = `var(${variable})`
  probe.style.display = 'none'
  document.body.appendChild(probe)
  const color = getComputedStyle(probe).color
  probe.remove()
  return color
}

export function chartColors(): ChartColors {
  return {
    text: resolve('--text'),
    textMuted: resolve('--text-muted'),
    border: resolve('--border'),
    surface: resolve('--surface'),
    accent: resolve('--accent'),
    danger: resolve('--danger'),
    ok: resolve('--ok'),
    series: SERIES,
  }
}

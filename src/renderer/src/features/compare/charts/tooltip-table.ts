/**
 * Chart tooltips built as DOM rather than HTML strings: the page's CSP refuses inline style
 * attributes in markup (CSSOM styles are allowed), and text set as textContent cannot inject
 * markup, whatever a run is named.
 */
export interface TooltipRow {
  color: string
  label: string
  value: string
}

export function tooltipTable(title: string, rows: readonly TooltipRow[], more = 0): HTMLElement {
  const root = document.createElement('div')
  root.className = 'chart-tooltip'
  const head = document.createElement('div')
  head.className = 'chart-tooltip-title'
  head.textContent = title
  root.append(head)
  for (const row of rows) {
    const line = document.createElement('div')
    line.className = 'chart-tooltip-row'
    const dot = document.createElement('span')
    dot.className = 'chart-tooltip-dot'
    dot.style.background = row.color
    const label = document.createElement('span')
    label.className = 'chart-tooltip-label'
    label.textContent = row.label
    const value = document.createElement('b')
    value.textContent = row.value
    line.append(dot, label, value)
    root.append(line)
  }
  if (more > 0) {
    const rest = document.createElement('div')
    rest.className = 'chart-tooltip-more'
    rest.textContent = `…and ${more} more`
    root.append(rest)
  }
  return root
}

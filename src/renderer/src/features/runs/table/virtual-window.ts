/** The rows a virtualised list renders: [start, end) plus the blank space above and below them. */
export interface VirtualWindow {
  start: number
  end: number
  padTop: number
  padBottom: number
}

/**
 * Which fixed-height rows intersect the viewport, widened by `overscan` rows on each side so a
 * fast scroll shows rows rather than blank space before the next frame renders.
 */
export function virtualWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): VirtualWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1
  const start = Math.max(0, Math.min(count, first - overscan))
  const end = Math.max(start, Math.min(count, first + visible + overscan))
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight }
}

/** How the latent scatter sizes and places its points, and which sample a clicked point is. */
import type { LabelGroup } from './label-groups'

/** Point size in pixels: large enough to click a few hundred codes, small enough that ten thousand stay apart. */
export function pointSize(count: number): number {
  return count <= 1000 ? 6 : count <= 5000 ? 4.5 : 3.5
}

/** Series index → group: the class series come first, in group order, so a click's seriesIndex finds its group. */
export function sampleAt(groups: readonly LabelGroup[], indices: ArrayLike<number>, seriesIndex: number, dataIndex: number): number | null {
  const position = groups[seriesIndex]?.positions[dataIndex]
  return position === undefined ? null : indices[position]
}

/** A deterministic vertical jitter in (−0.3, 0.3) per point, so a 1-D strip shows density rather than one line. */
export function stripJitter(position: number): number {
  const x = Math.sin(position * 12.9898 + 78.233) * 43758.5453
  return (x - Math.floor(x) - 0.5) * 0.6
}

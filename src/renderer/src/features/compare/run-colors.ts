/**
 * One colour per compared run, the same in the legend table and every chart. The theme's series
 * palette comes first; beyond it hues step by the golden angle, so any number of runs stays
 * distinguishable and neighbours never share a hue family.
 */
export function runColors(count: number, palette: readonly string[]): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (i < palette.length) return palette[i]
    const k = i - palette.length
    const hue = Math.round((k * 137.508 + 20) % 360)
    const lightness = [48, 62, 40][k % 3]
    return `hsl(${hue}, 62%, ${lightness}%)`
  })
}

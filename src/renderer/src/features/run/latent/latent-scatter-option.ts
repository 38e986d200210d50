import type { LatentProjection } from '../../../../../shared/run-views'
import type { ChartColors } from '../../../lib/charts/theme-colors'
import type { ChartOption } from '../../../lib/charts/use-chart'
import { formatSigned } from '../../../lib/format/number-format'
import { coordsAt, type LabelGroup } from './label-groups'
import { pointSize, stripJitter } from './scatter-points'
import { axisHalfWidth, circlePoints, spherePoints } from './shell-geometry'

/** What the latent scatter draws: the projected codes by class, optionally the prior's shells, and the selected point. */
export interface LatentScatterSpec {
  projection: LatentProjection
  groups: LabelGroup[]
  /** Legend name per group (parallel to `groups`). */
  names: string[]
  /** Classes switched off in the legend, by name. */
  hidden: ReadonlySet<string>
  showShells: boolean
  /** The selected point in view coordinates, or null. */
  marker: number[] | null
  /**
   * One frame of an animation (the latent space epoch by epoch): frames with the same key share
   * their groups and axes, so the scatter moves the points in place (the camera stays) on axes
   * fixed to `half` for every frame; the points are validation samples, named so.
   */
  frame?: { key: string; half: number }
}

const MARKER_SERIES_ID = 'selected-point'
const SHELL_POINTS_3D = 700
const SHELL_POINTS_2D = 120

/** Class colour: the palette by label, muted grey for unlabelled samples. */
export function groupColor(label: number, colors: ChartColors): string {
  return label < 0 ? colors.textMuted : colors.series[label % colors.series.length]
}

function tooltipText(spec: LatentScatterSpec, seriesIndex: number, dataIndex: number): string {
  const group = spec.groups[seriesIndex]
  if (!group) return ''
  const p = group.positions[dataIndex]
  const { projection } = spec
  const coords = coordsAt(projection.coords, projection.dims, p)
  return `${spec.frame ? 'validation sample' : 'sample'} ${projection.indices[p]} · class ${spec.names[seriesIndex]}<br/>${projection.axes.map((a, i) => `${a} ${formatSigned(coords[i], 3)}`).join(' · ')}`
}

function shellRadius(spec: LatentScatterSpec): number {
  return spec.showShells ? Math.max(...spec.projection.shells.radii) : 0
}

function halfWidth(spec: LatentScatterSpec): number {
  const { projection } = spec
  return spec.frame?.half ?? axisHalfWidth(projection.coords, projection.dims, projection.shells.center, shellRadius(spec))
}

/** Each class's points in view coordinates (a strip plot's rows by class, with a little jitter). */
function classData(spec: LatentScatterSpec, group: LabelGroup, row: number): number[][] {
  const { coords, dims } = spec.projection
  return group.positions.map((p) => (dims === 1 ? [coords[p], row + stripJitter(p)] : coordsAt(coords, dims, p)))
}

/** A new frame's points for series already drawn (matched by id): setOption merges them in, leaving the camera alone. */
export function frameSeriesUpdate(spec: LatentScatterSpec): { id: string; data: number[][] }[] {
  return spec.groups.map((g, i) => ({ id: `class-${g.label}`, data: classData(spec, g, i) }))
}

/** The 3-D view (echarts-gl): one scatter3D series per class in an origin-centred cube, shells as point spheres. */
export function scatter3DOption(spec: LatentScatterSpec, colors: ChartColors): ChartOption {
  const { projection } = spec
  const { shells } = projection
  const half = halfWidth(spec)
  const axis = (name: string) => ({
    type: 'value',
    name,
    min: -half,
    max: half,
    nameTextStyle: { color: colors.text, fontSize: 14, lineHeight: 24 },
    axisLabel: { color: colors.textMuted, fontSize: 12, lineHeight: 22 },
    axisLine: { lineStyle: { color: colors.textMuted } },
    splitLine: { lineStyle: { color: colors.border } },
    axisPointer: { show: false },
  })
  const classes = spec.groups.map((g, i) => ({
    type: 'scatter3D',
    id: `class-${g.label}`,
    name: spec.names[i],
    data: classData(spec, g, i),
    symbolSize: pointSize(projection.count),
    itemStyle: { color: groupColor(g.label, colors), opacity: 0.9 },
    emphasis: { itemStyle: { color: colors.text }, label: { show: false } },
  }))
  const shellSeries = spec.showShells
    ? shells.radii.map((r, i) => ({
        type: 'scatter3D',
        id: `shell-${shells.quantiles[i]}`,
        name: `${Math.round(shells.quantiles[i] * 100)} % of the prior`,
        data: spherePoints(shells.center, r, SHELL_POINTS_3D),
        symbolSize: 1.6,
        silent: true,
        itemStyle: { color: colors.textMuted, opacity: 0.25 + 0.15 * i },
        emphasis: { disabled: true },
      }))
    : []
  return {
    animation: false,
    tooltip: { formatter: (params: { seriesIndex: number; dataIndex: number }) => tooltipText(spec, params.seriesIndex, params.dataIndex) },
    legend: { show: false, data: spec.names, selected: Object.fromEntries(spec.names.map((n) => [n, !spec.hidden.has(n)])) },
    grid3D: {
      boxWidth: 100,
      boxHeight: 100,
      boxDepth: 100,
      environment: 'none',
      axisPointer: { show: false },
      viewControl: { projection: 'perspective', distance: 225, alpha: 18, beta: 35, center: [0, -12, 0], rotateSensitivity: 1.2, zoomSensitivity: 1.2, panSensitivity: 1, autoRotate: false },
    },
    xAxis3D: axis(projection.axes[0]),
    yAxis3D: axis(projection.axes[1]),
    zAxis3D: axis(projection.axes[2]),
    series: [...classes, ...shellSeries, markerSeries3D(spec.marker, colors)],
  } as unknown as ChartOption
}

/** The selected point: a ring in the text colour, drawn over everything. */
export function markerSeries3D(marker: number[] | null, colors: ChartColors) {
  return {
    type: 'scatter3D',
    id: MARKER_SERIES_ID,
    name: 'selected',
    data: marker ? [marker] : [],
    symbol: 'circle',
    symbolSize: 14,
    silent: true,
    itemStyle: { color: 'rgba(0,0,0,0)', borderColor: colors.text, borderWidth: 2, opacity: 1 },
  }
}

export function markerSeriesFlat(marker: number[] | null, dims: number, colors: ChartColors) {
  return {
    type: 'scatter',
    id: MARKER_SERIES_ID,
    name: 'selected',
    // In a strip plot the point's row is its class, unknown for a typed point: a triangle under the strips marks x.
    data: marker ? [dims === 1 ? [marker[0], -0.4] : marker] : [],
    symbol: dims === 1 ? 'triangle' : 'circle',
    symbolSize: 16,
    silent: true,
    z: 10,
    itemStyle: { color: 'transparent', borderColor: colors.text, borderWidth: 2 },
  }
}

/**
 * The flat views: a 2-D scatter on equal axes with the shells as circles, or for one latent
 * dimension a strip per class (x = z, rows = classes) with the shells as vertical lines at ±r.
 */
export function scatterFlatOption(spec: LatentScatterSpec, colors: ChartColors): ChartOption {
  const { projection } = spec
  const { shells, dims } = projection
  const half = halfWidth(spec)
  const axisStyle = {
    nameTextStyle: { color: colors.text, fontSize: 13 },
    axisLabel: { color: colors.textMuted },
    // At the plot's edge, not through the origin, so the codes near 0 stay unobstructed.
    axisLine: { onZero: false, lineStyle: { color: colors.textMuted } },
    splitLine: { lineStyle: { color: colors.border } },
  }
  const classes = spec.groups.map((g, i) => ({
    type: 'scatter',
    id: `class-${g.label}`,
    name: spec.names[i],
    data: classData(spec, g, i),
    symbolSize: pointSize(projection.count),
    itemStyle: { color: groupColor(g.label, colors), opacity: 0.8 },
    emphasis: { focus: 'none', scale: 1.8 },
  }))
  const shellSeries = spec.showShells
    ? shells.radii.map((r, i) => ({
        type: 'line',
        id: `shell-${shells.quantiles[i]}`,
        name: `${Math.round(shells.quantiles[i] * 100)} %`,
        silent: true,
        showSymbol: false,
        lineStyle: { color: colors.textMuted, type: 'dashed', width: 1, opacity: 0.5 + 0.2 * i },
        data: dims === 2 ? circlePoints(shells.center, r, SHELL_POINTS_2D) : [],
        markLine:
          dims === 1
            ? {
                silent: true,
                symbol: 'none',
                label: { formatter: `${Math.round(shells.quantiles[i] * 100)} %`, color: colors.textMuted },
                lineStyle: { color: colors.textMuted, type: 'dashed' },
                data: [{ xAxis: shells.center[0] - r }, { xAxis: shells.center[0] + r }],
              }
            : undefined,
      }))
    : []
  return {
    animation: false,
    tooltip: { formatter: (params: { seriesIndex: number; dataIndex: number }) => tooltipText(spec, params.seriesIndex, params.dataIndex) },
    legend: { show: false, data: spec.names, selected: Object.fromEntries(spec.names.map((n) => [n, !spec.hidden.has(n)])) },
    // Equal pixel lengths for equal units, so the shells are circles.
    grid: dims === 2 ? { left: 'center', top: 24, width: 480, height: 480 } : { left: 64, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'value', name: projection.axes[0], nameLocation: 'middle', nameGap: 28, min: -half, max: half, ...axisStyle },
    yAxis:
      dims === 2
        ? { type: 'value', name: projection.axes[1], nameLocation: 'middle', nameGap: 36, min: -half, max: half, ...axisStyle }
        : {
            type: 'value',
            name: 'class',
            min: -0.5,
            max: spec.groups.length - 0.5,
            interval: 1,
            ...axisStyle,
            axisLabel: { color: colors.textMuted, formatter: (v: number) => spec.names[Math.round(v)] ?? '' },
            splitLine: { show: false },
          },
    series: [...classes, ...shellSeries, markerSeriesFlat(spec.marker, dims, colors)],
  } as unknown as ChartOption
}

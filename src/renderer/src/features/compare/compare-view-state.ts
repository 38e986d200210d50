import type { RunId } from '../../../../shared/api'
import { isConfigKey, type ConfigKey } from '../../../../shared/run-config-fields'
import { runMetric } from '../../entities/run-metrics'
import { BAND_KINDS, type BandKind } from './replicate-groups'

/** Where the recon and KL charts read from: the training batches or the validation set. */
export type CurveSplit = 'train' | 'val'

/** Everything a comparison shows, kept in the URL so it can be bookmarked and reopened as it was. */
export interface CompareView {
  runIds: RunId[]
  /** The pinned run every other is read against (drawn bold, deltas in the table). */
  baseline: RunId | null
  logScale: boolean
  /** EMA weight in [0, 0.99]; 0 draws the raw curves only. */
  smoothing: number
  onlyDifferences: boolean
  split: CurveSplit
  scatterX: ConfigKey
  scatterY: string
  /** Draw runs that differ only in seed as one group: its mean curve in a band, mean ± sd in a table. */
  groupSeeds: boolean
  band: BandKind
}

export const DEFAULT_COMPARE_VIEW: CompareView = {
  runIds: [],
  baseline: null,
  logScale: false,
  smoothing: 0,
  onlyDifferences: true,
  split: 'val',
  scatterX: 'latentDim',
  scatterY: 'bestValLoss',
  groupSeeds: false,
  band: 'sd',
}

export const MAX_SMOOTHING = 0.99

/** The most runs one comparison holds: its charts and table stay readable and its requests small. */
export const MAX_COMPARED_RUNS = 200

type Query = Record<string, string | null | undefined | (string | null)[]>

function single(query: Query, key: string): string | undefined {
  const value = query[key]
  return (Array.isArray(value) ? value[0] : value) ?? undefined
}

export function parseRunIds(text: string | undefined): RunId[] {
  const ids = (text ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
  return [...new Set(ids)]
}

/** Reads a comparison from a route query; anything unreadable falls back to the default. */
export function parseCompareView(query: Query): CompareView {
  const d = DEFAULT_COMPARE_VIEW
  const baseline = Number(single(query, 'base'))
  const smoothing = Number(single(query, 'smooth'))
  const x = single(query, 'x') ?? ''
  const y = single(query, 'y') ?? ''
  const flag = (key: string, fallback: boolean) => {
    const value = single(query, key)
    return value === '1' ? true : value === '0' ? false : fallback
  }
  return {
    runIds: parseRunIds(single(query, 'runs')),
    baseline: Number.isInteger(baseline) && baseline > 0 ? baseline : null,
    logScale: flag('log', d.logScale),
    smoothing: Number.isFinite(smoothing) ? Math.min(MAX_SMOOTHING, Math.max(0, smoothing)) : d.smoothing,
    onlyDifferences: flag('diff', d.onlyDifferences),
    split: single(query, 'split') === 'train' ? 'train' : d.split,
    scatterX: isConfigKey(x) ? x : d.scatterX,
    scatterY: runMetric(y) ? y : d.scatterY,
    groupSeeds: flag('group', d.groupSeeds),
    band: (BAND_KINDS as readonly string[]).includes(single(query, 'band') ?? '') ? (single(query, 'band') as BandKind) : d.band,
  }
}

/** The query for a comparison; settings at their default are left out so URLs stay short. */
export function compareViewQuery(view: CompareView): Record<string, string> {
  const d = DEFAULT_COMPARE_VIEW
  const query: Record<string, string> = {}
  if (view.runIds.length > 0) query.runs = view.runIds.join(',')
  if (view.baseline !== null) query.base = String(view.baseline)
  if (view.logScale !== d.logScale) query.log = view.logScale ? '1' : '0'
  if (view.smoothing !== d.smoothing) query.smooth = String(view.smoothing)
  if (view.onlyDifferences !== d.onlyDifferences) query.diff = view.onlyDifferences ? '1' : '0'
  if (view.split !== d.split) query.split = view.split
  if (view.scatterX !== d.scatterX) query.x = view.scatterX
  if (view.scatterY !== d.scatterY) query.y = view.scatterY
  if (view.groupSeeds !== d.groupSeeds) query.group = view.groupSeeds ? '1' : '0'
  if (view.band !== d.band) query.band = view.band
  return query
}

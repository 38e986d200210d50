import type { RunId } from '../../../../shared/api'
import type { RunConfig } from '../../../../shared/run-config'
import { CONFIG_KEYS } from '../../../../shared/run-config-fields'
import { mean, range, standardDeviation } from '../../../../shared/summary-stats'

/** Runs whose configs are equal in every field but the seed (names are not config): replicates. */
export interface ReplicateGroup {
  /** The shared config without its seed, as text: equal keys, equal groups. */
  key: string
  runIds: RunId[]
  seeds: number[]
}

/** How wide a group's band is drawn: ± one sample sd around the mean, or the members' min to max. */
export const BAND_KINDS = ['sd', 'minmax'] as const
export type BandKind = (typeof BAND_KINDS)[number]

/** The config without its seed, fields in the table's order, so key order never splits a group. */
export function replicateKey(config: RunConfig): string {
  return JSON.stringify(CONFIG_KEYS.filter((key) => key !== 'seed').map((key) => [key, config[key] ?? null]))
}

/** The runs grouped by `replicateKey`, in the order of each group's first run; a lone run is a group of one. */
export function replicateGroups(runs: readonly { id: RunId; config: RunConfig }[]): ReplicateGroup[] {
  const groups = new Map<string, ReplicateGroup>()
  for (const run of runs) {
    const key = replicateKey(run.config)
    const group = groups.get(key) ?? { key, runIds: [], seeds: [] }
    group.runIds.push(run.id)
    group.seeds.push(run.config.seed)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** A group's curve at one epoch: the members' mean and the band around it, over the members that reached it. */
export interface BandPoint {
  epoch: number
  mean: number
  lower: number
  upper: number
  /** Members with a value at this epoch (early stopping ends members at different epochs). */
  count: number
}

/** The mean curve and its band, epoch by epoch, from the members' [epoch, value] curves. */
export function bandCurve(members: readonly (readonly [number, number][])[], band: BandKind): BandPoint[] {
  const byEpoch = new Map<number, number[]>()
  for (const points of members) {
    for (const [epoch, value] of points) {
      const values = byEpoch.get(epoch) ?? []
      values.push(value)
      byEpoch.set(epoch, values)
    }
  }
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, values]) => {
      const m = mean(values)
      const spread = band === 'sd' ? { min: m - standardDeviation(values), max: m + standardDeviation(values) } : range(values)
      return { epoch, mean: m, lower: spread.min, upper: spread.max, count: values.length }
    })
}

/** A metric over a group's members: mean ± sample sd (sd 0 for one member), over the members that have it. */
export function groupSummary(values: readonly (number | null | undefined)[]): { mean: number; sd: number; count: number } | null {
  const present = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v))
  return present.length === 0 ? null : { mean: mean(present), sd: standardDeviation(present), count: present.length }
}

/** A group's name: its first run's name without the " · seed N" that "repeat with N seeds" adds. */
export function groupName(firstRunName: string): string {
  return firstRunName.replace(/ · seed \d+$/, '')
}

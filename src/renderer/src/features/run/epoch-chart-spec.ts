/** What an epoch chart shows, independent of how it is drawn (`epoch-line-option.ts` draws it). */

/** One line of an epoch chart: [epoch, value] points (fractional epochs for per-batch values). */
export interface EpochLine {
  name: string
  points: [number, number][]
  /** A faint, thin line behind the others (per-batch noise). */
  faint?: boolean
  dashed?: boolean
}

export interface EpochChartSpec {
  title: string
  /** What the y axis measures, e.g. 'BCE per value'. */
  yName: string
  lines: EpochLine[]
  /** A horizontal reference line, e.g. 1 for a variance that should match the prior's. */
  reference?: { value: number; label: string }
  /** Counts: ticks at whole numbers only. */
  integer?: boolean
}

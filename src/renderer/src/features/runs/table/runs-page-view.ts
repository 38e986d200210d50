import { RUN_STATUSES, type RunStatus } from '../../../../../shared/api'
import { isConfigKey, type ConfigKey } from '../../../../../shared/run-config-fields'
import { EMPTY_FILTER, formatConditions, parseConditions, type RunTableFilter } from './run-filter'
import { DEFAULT_SORT, formatSort, parseSort, type RunSort } from './run-sort'

/** What the runs page shows, kept in the URL so a filtered, sorted view can be bookmarked. */
export interface RunsPageView {
  filter: RunTableFilter
  sort: RunSort
  columns: ConfigKey[]
  /** One row per config without its seed (replicates together), with the spread of their metrics. */
  grouped: boolean
}

export const DEFAULT_COLUMNS: ConfigKey[] = ['latentDim', 'klWeight']

type Query = Record<string, string | null | undefined | (string | null)[]>
const single = (query: Query, key: string) => {
  const value = query[key]
  return (Array.isArray(value) ? value[0] : value) ?? undefined
}

export function parseRunsPageView(query: Query): RunsPageView {
  const statuses = (single(query, 'status') ?? '').split(',').filter((s): s is RunStatus => (RUN_STATUSES as readonly string[]).includes(s))
  const cols = single(query, 'cols')
  return {
    filter: {
      text: single(query, 'q') ?? '',
      statuses,
      tag: single(query, 'tag') ?? '',
      conditions: parseConditions(single(query, 'where') ?? ''),
    },
    sort: parseSort(single(query, 'sort')),
    columns: cols === undefined ? DEFAULT_COLUMNS : cols.split(',').filter(isConfigKey),
    grouped: single(query, 'group') === '1',
  }
}

/** The query for a view, leaving out what is at its default. */
export function runsPageQuery(view: RunsPageView): Record<string, string> {
  const query: Record<string, string> = {}
  const { filter } = view
  if (filter.text !== EMPTY_FILTER.text) query.q = filter.text
  if (filter.statuses.length > 0) query.status = filter.statuses.join(',')
  if (filter.tag !== '') query.tag = filter.tag
  if (filter.conditions.length > 0) query.where = formatConditions(filter.conditions)
  if (formatSort(view.sort) !== formatSort(DEFAULT_SORT)) query.sort = formatSort(view.sort)
  if (view.columns.join(',') !== DEFAULT_COLUMNS.join(',')) query.cols = view.columns.join(',')
  if (view.grouped) query.group = '1'
  return query
}

import { RUN_STATUSES, type MetricSpread, type RunFilter, type RunGroup, type RunQuery, type RunStatus } from '../../../shared/api'
import { DEFAULT_SORT, RUN_METRICS, runMetric } from '../../../shared/run-fields'
import type { Db } from './database'
import { rowToRun, type RunRow, type StoredRun } from './run-repository'
import { decodeCursor, encodeCursor, fieldExpression, filterSql, pageStatements, type SqlParams, type SqlPart } from './run-query'
import { readStoredConfig } from './stored-config'

export const DEFAULT_PAGE = 100

export interface StoredRunPage {
  runs: StoredRun[]
  next: string | null
  total: number
  counts: Record<RunStatus, number>
}

type SortedRow = RunRow & { sort_value: string | number | null }

/** Metrics that have a column: what a group averages. */
const GROUPED_METRICS = RUN_METRICS.filter((metric) => metric.key !== 'params')

/**
 * Reading the runs list a page at a time (keyset: the page after (value, id) of the last row), and
 * grouped by config. Statements are built from the declared fields and cached by their text.
 */
export class RunListing {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>()

  constructor(private readonly db: Db) {}

  private all<T>(sql: string, params: SqlParams): T[] {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement.all(params) as T[]
  }

  /** Newest first, at most `limit`; a table pages with `page` instead. */
  list(filter: RunFilter = {}): StoredRun[] {
    const where = filterSql(filter)
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.floor(filter.limit)}`
    return this.all<RunRow>(`SELECT * FROM runs WHERE ${where.sql} ORDER BY id DESC${limit}`, where.params).map(rowToRun)
  }

  page(query: RunQuery = {}): StoredRunPage {
    const sort = query.sort ?? DEFAULT_SORT
    const limit = query.limit ?? DEFAULT_PAGE
    const where = filterSql(query)
    const { sql: sortSql } = fieldExpression(sort.field)
    const { withValue, withoutValue } = pageStatements(sort, query.after === undefined ? null : decodeCursor(query.after))
    // One row beyond the page says whether another page follows.
    const rows: SortedRow[] = []
    for (const part of [withValue, withoutValue]) {
      if (part === null || rows.length > limit) continue
      rows.push(...this.sorted(sortSql, where, part, limit + 1 - rows.length))
    }
    const page = rows.slice(0, limit)
    const lastRow = page.at(-1)
    return {
      runs: page.map(rowToRun),
      next: rows.length > limit && lastRow ? encodeCursor({ value: lastRow.sort_value, id: lastRow.id }) : null,
      total: this.all<{ n: number }>(`SELECT COUNT(*) AS n FROM runs WHERE ${where.sql}`, where.params)[0].n,
      counts: this.counts(),
    }
  }

  private sorted(sortSql: string, where: SqlPart, part: SqlPart, limit: number): SortedRow[] {
    const sql = `SELECT *, ${sortSql} AS sort_value FROM runs WHERE (${where.sql}) AND ${part.sql} LIMIT ${limit}`
    return this.all<SortedRow>(sql, { ...where.params, ...part.params })
  }

  /** Every run per status, from the status index. */
  counts(): Record<RunStatus, number> {
    const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<RunStatus, number>
    for (const row of this.all<{ status: RunStatus; n: number }>('SELECT status, COUNT(*) AS n FROM runs GROUP BY status', {})) counts[row.status] = row.n
    return counts
  }

  /**
   * Replicates grouped in SQL: count, and mean and standard deviation of each final metric over the
   * runs that have it; groups sorted by the mean of the sorted metric (missing means last), else newest first.
   */
  groups(query: RunQuery = {}): { groups: RunGroup[]; total: number } {
    const where = filterSql(query)
    const limit = query.limit ?? DEFAULT_PAGE
    const aggregates = GROUPED_METRICS.map((m, i) => `AVG(${m.column}) AS m${i}, AVG(${m.column} * ${m.column}) AS q${i}, COUNT(${m.column}) AS n${i}`).join(', ')
    const metric = query.sort ? runMetric(query.sort.field) : undefined
    const index = metric ? GROUPED_METRICS.indexOf(metric) : -1
    const order = index >= 0 ? `m${index} IS NULL, m${index} ${query.sort?.descending ? 'DESC' : 'ASC'}, latest DESC` : 'latest DESC'
    const rows = this.all<Record<string, number | string | null> & { config_key: string; count: number; latest: number }>(
      `SELECT config_key, COUNT(*) AS count, MAX(id) AS latest, ${aggregates} FROM runs WHERE ${where.sql} GROUP BY config_key ORDER BY ${order} LIMIT ${limit}`,
      where.params,
    )
    const configs = new Map(
      this.all<{ id: number; config_json: string }>('SELECT id, config_json FROM runs WHERE id IN (SELECT value FROM json_each(@ids))', {
        ids: JSON.stringify(rows.map((row) => row.latest)),
      }).map((row) => [row.id, readStoredConfig(row.config_json).config]),
    )
    const groups = rows.map((row) => ({
      key: row.config_key,
      count: row.count,
      latestRunId: row.latest,
      config: configs.get(row.latest)!,
      metrics: Object.fromEntries(GROUPED_METRICS.map((m, i) => [m.key, spread(row[`m${i}`], row[`q${i}`], row[`n${i}`])])),
    }))
    const total = this.all<{ n: number }>(`SELECT COUNT(DISTINCT config_key) AS n FROM runs WHERE ${where.sql}`, where.params)[0].n
    return { groups, total }
  }
}

/** Mean and sample standard deviation from SQL's mean of values and of squares. */
function spread(mean: unknown, meanOfSquares: unknown, n: unknown): MetricSpread | null {
  if (typeof mean !== 'number' || typeof meanOfSquares !== 'number' || typeof n !== 'number' || n === 0) return null
  const variance = Math.max(0, meanOfSquares - mean * mean) * (n / Math.max(1, n - 1))
  return { mean, sd: n > 1 ? Math.sqrt(variance) : null, n }
}

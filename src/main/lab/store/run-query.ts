import type { RunFilter, RunQuery } from '../../../shared/api'
import { UserError } from '../../../shared/errors'
import { RUN_CONFIG_FIELDS, isConfigKey } from '../../../shared/run-config-fields'
import { DEFAULT_SORT, runField, type FieldCondition, type RunSort } from '../../../shared/run-fields'

/**
 * The SQL for one query of the runs list, built from the declared fields (`shared/run-fields.ts`)
 * only: field names never reach the SQL as given, every value is a bound parameter.
 */

export type SqlParams = Record<string, string | number | null>

export interface SqlPart {
  sql: string
  params: SqlParams
}

/** A field as an SQL expression over `runs`, and whether it compares as a number. */
export function fieldExpression(key: string): { sql: string; numeric: boolean } {
  const field = runField(key)
  if (!field) throw new UserError(`the runs table has no field "${key}"`)
  const numeric = field.kind === 'number'
  if (field.column !== null) return { sql: field.kind === 'text' && key === 'name' ? 'name COLLATE NOCASE' : field.column, numeric }
  if (!isConfigKey(key)) throw new Error(`field ${key} has no column`)
  // On/off fields read as the words a person types ("true"), as the table shows them.
  if (RUN_CONFIG_FIELDS[key].kind === 'boolean') return { sql: `(CASE json_type(config_json, '$.${key}') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)`, numeric }
  return { sql: `json_extract(config_json, '$.${key}')`, numeric }
}

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function conditionSql(condition: FieldCondition, name: string): SqlPart {
  const { sql, numeric } = fieldExpression(condition.field)
  const wanted = condition.value.trim()
  if (numeric) {
    const value = Number(wanted)
    if (wanted === '' || !Number.isFinite(value)) throw new UserError(`${condition.field} compares with numbers, and "${condition.value}" is not one`)
    return { sql: `${sql} ${condition.op} @${name}`, params: { [name]: value } }
  }
  if (condition.op !== '=' && condition.op !== '!=') throw new UserError(`${condition.field} is text: compare it with = or !=, not ${condition.op}`)
  return { sql: `${sql} ${condition.op} @${name} COLLATE NOCASE`, params: { [name]: wanted } }
}

/** The WHERE clause (without the keyword) of a filter; "1" when it filters nothing. */
export function filterSql(filter: RunFilter & Pick<RunQuery, 'where' | 'configKey'>): SqlPart {
  const parts: string[] = []
  const params: SqlParams = {}
  if (filter.status?.length) {
    parts.push('status IN (SELECT value FROM json_each(@statuses))')
    params.statuses = JSON.stringify(filter.status)
  }
  const text = filter.text?.trim()
  if (text) {
    // Tags are matched in their JSON text: one LIKE, not a JSON parse per run.
    parts.push(`(name LIKE @like ESCAPE '\\' OR notes LIKE @like ESCAPE '\\' OR tags_json LIKE @like ESCAPE '\\' OR ('#' || id) = @exact)`)
    params.like = escapeLike(text)
    params.exact = text
  }
  if (filter.tag) {
    // The tag as a JSON string, quotes included, occurs in the list exactly when it is one of its entries.
    parts.push('instr(tags_json, @tag) > 0')
    params.tag = JSON.stringify(filter.tag)
  }
  if (filter.configKey !== undefined) {
    parts.push('config_key = @configKey')
    params.configKey = filter.configKey
  }
  ;(filter.where ?? []).forEach((condition, i) => {
    const part = conditionSql(condition, `c${i}`)
    parts.push(part.sql)
    Object.assign(params, part.params)
  })
  return { sql: parts.length ? parts.join(' AND ') : '1', params }
}

/** Where a page ends: the last row's sort value and id, and whether it was among the runs without a value (listed last). */
export interface Cursor {
  value: string | number | null
  id: number
}

export function encodeCursor(cursor: Cursor): string {
  return JSON.stringify([cursor.value, cursor.id])
}

export function decodeCursor(text: string): Cursor {
  const refusal = new UserError('after must be the next of a previous page of runs')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw refusal
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refusal
  const [value, id] = parsed as unknown[]
  if (!Number.isInteger(id) || !(value === null || typeof value === 'string' || typeof value === 'number')) throw refusal
  return { value, id: id as number }
}

/**
 * A page in two parts, each an index walk: the runs with a value in the sort's order, then those
 * without (ordered by id). Ties follow the id in the sort's direction, so the order is total and a
 * cursor (value, id) continues exactly where the last page stopped.
 */
export function pageStatements(sort: RunSort = DEFAULT_SORT, after: Cursor | null): { withValue: SqlPart | null; withoutValue: SqlPart | null } {
  const { sql } = fieldExpression(sort.field)
  const order = sort.descending ? 'DESC' : 'ASC'
  const beyond = sort.descending ? '<' : '>'
  const inNulls = after !== null && after.value === null
  const withValue: SqlPart | null = inNulls
    ? null
    : {
        sql: `${sql} IS NOT NULL${after ? ` AND (${sql}, id) ${beyond} (@afterValue, @afterId)` : ''} ORDER BY ${sql} ${order}, id ${order}`,
        params: after ? { afterValue: after.value, afterId: after.id } : {},
      }
  const withoutValue: SqlPart | null =
    sort.field === 'id'
      ? null
      : { sql: `${sql} IS NULL${inNulls ? ` AND id ${beyond} @afterId` : ''} ORDER BY id ${order}`, params: inNulls ? { afterId: after.id } : {} }
  return { withValue, withoutValue }
}

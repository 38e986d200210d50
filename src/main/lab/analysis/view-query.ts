import { ZodError, type z } from 'zod'
import { describeValidationError, UserError } from '../../../shared/errors'

/**
 * Validates a view's query with its schema, filling defaults; a failure is a UserError of
 * sentences. List positions are dropped from paths, as the dispatch table does: the messages name
 * their field.
 */
export function parseQuery<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: issue.path.filter((s) => typeof s !== 'number') }))
  throw new UserError(describeValidationError(new ZodError(issues)))
}

import { isUserError, type UserError } from './errors'

/** How a failed call is reported by every transport: UserError kinds, plus what the adapters add. */
export type ErrorKind = UserError['kind'] | 'forbidden' | 'internal'

export interface ApiFailure {
  message: string
  kind: ErrorKind
}

const INTERNAL_ERROR = 'The workbench hit an unexpected error; its log has the details.'

/**
 * A UserError's sentence goes to the caller as is; anything else is a bug, whose details (stack,
 * paths, SQL) stay in the log and the caller gets a generic sentence. `internal` tells the
 * adapter to log the original.
 */
export function failureOf(e: unknown): ApiFailure & { internal: boolean } {
  if (isUserError(e)) return { message: e.message, kind: e.kind, internal: false }
  return { message: INTERNAL_ERROR, kind: 'internal', internal: true }
}
